/**
 * Control of the registry surface (in-process and over HTTP under /_simulator/registry/): switch the referrers
 * endpoint, and publish a manifest together with its packages-API version (name = its digest), as a push would.
 */
import type { SimulatorRuntime } from '../simulator-runtime';
import { SimulatorControlError, type VersionView } from '../simulator-control';
import { isManifestMediaType, type ManifestMediaType } from './media-types';

export interface PublishManifestInput {
  owner: string;
  /** The container package (repository `<owner>/<name>`). */
  name: string;
  mediaType: ManifestMediaType;
  /** Exact bytes (UTF-8); the digest is their SHA-256. */
  content: string;
  tags?: string[];
  /** ISO-8601 or relative (`now-2d`), as publishVersion takes it. */
  createdAt?: string;
}

export function publishManifest(rt: SimulatorRuntime, input: PublishManifestInput): VersionView & { digest: string } {
  if (!input || typeof input.content !== 'string' || !isManifestMediaType(input.mediaType)) {
    throw new SimulatorControlError(400, 'publishManifest needs `owner`, `name`, `mediaType` (an OCI or Docker manifest/index type) and `content`.');
  }
  try {
    JSON.parse(input.content);
  } catch {
    throw new SimulatorControlError(400, 'publishManifest: `content` must be JSON (the manifest bytes).');
  }
  const digest = rt.registry.add(input.owner, input.name, input.mediaType, input.content);
  const version = rt.control.publishVersion({
    owner: input.owner,
    packageType: 'container',
    packageName: input.name,
    name: digest,
    tags: input.tags,
    createdAt: input.createdAt,
  });
  return { ...version, digest };
}

/** Routes under /_simulator/registry/; undefined when the route is not one of them. */
export function dispatchRegistryControl(rt: SimulatorRuntime, route: string, body: Record<string, unknown>): unknown {
  switch (route) {
    case 'POST /registry/referrers':
      if (typeof body.enabled !== 'boolean') throw new SimulatorControlError(400, 'Send {"enabled": true|false}.');
      rt.registry.referrersApi = body.enabled;
      return { referrersApi: rt.registry.referrersApi };
    case 'POST /registry/manifests':
      return publishManifest(rt, body as unknown as PublishManifestInput);
    default:
      return undefined;
  }
}
