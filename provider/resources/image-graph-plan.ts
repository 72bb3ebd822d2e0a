/**
 * The retention resource's image-graph path (the default for container packages; `imageGraph: 'off'` opts out),
 * kept apart from the version-level path: read every active version's manifest from the registry (once, bounded,
 * per package), plan images, and render the deleted images as trees for the checked inputs (`pendingImages`),
 * the only way a dynamic provider reaches the preview. When the registry gives no access at all, the run falls
 * back to the version-level rules (untagged versions under `untaggedContainers`, `protect` by default) and the
 * preview says so. See docs/container-images.md.
 */
import type { PackagesClient } from '../client/packages-client';
import { capitalize } from '../error-wording';
import type { ManifestLookup } from '../planner/image-graph';
import { planImageRetention, type ImageRetentionPlan } from '../planner/image-retention';
import type { ResolvedRetentionOptions } from '../planner/retention-options';
import { versionKey } from '../planner/version-decision';
import type { RegistryClient } from '../registry/registry-client';
import type { PackageVersionInfo } from '../types';
import type { PendingImages } from '../contracts/retention-contract';
import { ownEntry } from '../own-entry';

export function usesImageGraph(options: ResolvedRetentionOptions): boolean {
  return options.imageGraph === 'registry' && options.packageType === 'container';
}

export interface ManifestRead {
  manifests: Map<string, ManifestLookup>;
  /** Packages whose registry repository gave no pull token (refused, not a registry, unreachable), with why. */
  unreachable: Array<{ name: string; reason: string }>;
}

/**
 * Every active version's manifest, per package: one manifest request per version not read before by this
 * provider process (see RegistryClient). The registry repository is `<owner login>/<package name>`.
 */
export async function readManifests(
  client: PackagesClient,
  registry: RegistryClient,
  options: ResolvedRetentionOptions,
  live: ReadonlyMap<string, readonly PackageVersionInfo[]>,
): Promise<ManifestRead> {
  const manifests = new Map<string, ManifestLookup>();
  const unreachable: ManifestRead['unreachable'] = [];
  for (const [name, versions] of live) {
    const active = versions.filter((v) => v.state === 'active');
    if (active.length === 0) {
      manifests.set(name, new Map());
      continue;
    }
    const login =
      options.owner.kind === 'authenticated'
        ? (await client.getPackage({ owner: options.owner, packageType: options.packageType, name })).ownerLogin
        : options.owner.login;
    const reader = registry.repository(login, name);
    const access = await reader.access();
    if (!access.ok) {
      unreachable.push({ name, reason: access.reason });
      continue;
    }
    manifests.set(name, await reader.manifests(active.map((v) => v.name)));
  }
  return { manifests, unreachable };
}

/**
 * No registry is configured and none is known beside the API (`registryUrlBeside`): every package with active
 * versions is planned without its graph, and no request (no token) goes to any registry.
 */
export function withoutRegistry(live: ReadonlyMap<string, readonly PackageVersionInfo[]>, baseUrl: string): ManifestRead {
  const reason = `no container registry is known beside github-packages:baseUrl ${baseUrl}; set github-packages:registryUrl`;
  const unreachable = [...live].filter(([, versions]) => versions.some((v) => v.state === 'active')).map(([name]) => ({ name, reason }));
  return { manifests: new Map(), unreachable };
}

/**
 * The preview's word on a run planned version by version because the registry gave no access. What happened
 * comes first and fits in the 150 characters the Pulumi CLI shows of a string; which packages, why and the fix
 * follow.
 */
export function fallbackWarning(options: ResolvedRetentionOptions, unreachable: ManifestRead['unreachable']): string {
  const count = unreachable.length === 1 ? '1 package' : `${unreachable.length} packages`;
  const reasons = new Set(unreachable.map((u) => u.reason));
  const which =
    reasons.size === 1
      ? `${unreachable.map((u) => `"${u.name}"`).join(', ')}: ${unreachable[0].reason}`
      : unreachable.map((u) => `"${u.name}" (${u.reason})`).join('; ');
  const untagged =
    options.untaggedContainers === 'delete'
      ? 'untagged versions are deleted by the rules (untaggedContainers: delete) without knowing which images they belong to'
      : 'untagged versions (platform manifests, attestations, signatures) are protected (untaggedContainers: protect)';
  return (
    `image graph not read (container registry) for ${count}: planned version by version, fail closed. ${capitalize(untagged)}, ` +
    `and a tagged version is deleted without its image's other manifests. Registry: ${which}. Fix the registry access ` +
    `(github-packages:registryUrl; a classic token with read:packages) to plan whole images again.`
  );
}

export function planImages(
  options: ResolvedRetentionOptions,
  live: ReadonlyMap<string, readonly PackageVersionInfo[]>,
  manifests: ReadonlyMap<string, ManifestLookup>,
  now: Date,
): ImageRetentionPlan {
  return planImageRetention({
    packages: [...live].map(([name, versions]) => ({ name, versions, manifests: manifests.get(name) ?? new Map() })),
    options,
    now,
  });
}

export function viewImages(plan: ImageRetentionPlan): { pendingImages: PendingImages } {
  const pendingImages: PendingImages = {};
  for (const image of plan.images) {
    if (image.action === 'delete') ownEntry(pendingImages, image.package, () => ({}))[String(image.rootId)] = image.lines;
  }
  return { pendingImages };
}

/** Confirmed deletions in the fresh plan's order (roots before their members), not by time. */
export function inPlanOrder<T extends { package: string; id: number }>(confirmed: readonly T[], plan: ImageRetentionPlan): T[] {
  const rank = new Map(plan.deletions.map((d, i) => [versionKey(d.package, d.id), i]));
  return [...confirmed].sort((a, b) => (rank.get(versionKey(a.package, a.id)) ?? Infinity) - (rank.get(versionKey(b.package, b.id)) ?? Infinity));
}

/** The confirmed deletions that are roots of images this run deletes, in the order given. */
export function imageRoots<T extends { package: string; id: number }>(confirmed: readonly T[], plan: ImageRetentionPlan): T[] {
  const roots = new Set(plan.images.filter((i) => i.action === 'delete').map((i) => versionKey(i.package, i.rootId)));
  return confirmed.filter((d) => roots.has(versionKey(d.package, d.id)));
}

/**
 * Apply-time safety: a member goes only if every image it belongs to that this run deletes also has its root
 * confirmed. Otherwise (a root re-tagged or changed since the preview, so skipped) its children would be deleted
 * under a tag that still points at the index, and the image would be broken.
 */
export function holdMembersOfSkippedRoots<T extends { package: string; id: number }>(
  confirmed: readonly T[],
  plan: ImageRetentionPlan,
): { confirmed: T[]; held: Array<T & { reason: string }> } {
  const confirmedKeys = new Set(confirmed.map((d) => versionKey(d.package, d.id)));
  const heldBy = new Map<string, number>();
  for (const image of plan.images) {
    if (image.action !== 'delete' || confirmedKeys.has(versionKey(image.package, image.rootId))) continue;
    for (const id of image.memberIds) if (!heldBy.has(versionKey(image.package, id))) heldBy.set(versionKey(image.package, id), image.rootId);
  }
  const out: T[] = [];
  const held: Array<T & { reason: string }> = [];
  for (const d of confirmed) {
    const root = heldBy.get(versionKey(d.package, d.id));
    if (root === undefined) out.push(d);
    else
      held.push({ ...d, reason: `not deleted: the root ${root} of its image is not deleted in this run (skipped), and the image must stay whole` });
  }
  return { confirmed: out, held };
}

/**
 * Apply-time safety while deleting: once a root's deletion fails or is refused (the index and its tags remain),
 * the members of its image that are still to come are not deleted.
 */
export class ImageRootGuard {
  private readonly membersOf = new Map<string, number[]>();
  private readonly blocked = new Map<string, number>();

  constructor(plan: ImageRetentionPlan | undefined) {
    for (const image of plan?.images ?? [])
      if (image.action === 'delete') this.membersOf.set(versionKey(image.package, image.rootId), image.memberIds);
  }

  /** Why `id` must not be deleted now, if a root of its image stayed. */
  heldReason(pkg: string, id: number): string | undefined {
    const root = this.blocked.get(versionKey(pkg, id));
    return root === undefined ? undefined : `not deleted: the root ${root} of its image could not be deleted, and the image must stay whole`;
  }

  /** Call when deleting `id` failed or was refused (the version is still there). */
  notDeleted(pkg: string, id: number): void {
    for (const member of this.membersOf.get(versionKey(pkg, id)) ?? [])
      if (!this.blocked.has(versionKey(pkg, member))) this.blocked.set(versionKey(pkg, member), id);
  }
}
