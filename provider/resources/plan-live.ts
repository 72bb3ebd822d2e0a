/**
 * A policy's plan over live versions: version by version with the pure planner, or, for container packages
 * (unless `imageGraph: 'off'`), image by image with the manifests read from the registry (image-graph-plan.ts).
 * A registry that gives no access falls back to the version-level rules for the run, and the preview says so.
 */
import type { PackagesClient } from '../client/packages-client';
import type { ImageRetentionPlan } from '../planner/image-retention';
import { planRetention } from '../planner/plan-retention';
import type { RetentionPlan } from '../planner/plan-types';
import type { ResolvedRetentionOptions } from '../planner/retention-options';
import type { PackageVersionInfo } from '../types';
import { fallbackWarning, planImages, readManifests, usesImageGraph, withoutRegistry } from './image-graph-plan';
import type { ProviderContext } from './provider-context';

/** The plan, and the same plan as images when the image graph planned it (its trees and image order). */
export type LivePlan = { plan: RetentionPlan; images: undefined } | { plan: ImageRetentionPlan; images: ImageRetentionPlan };

export async function planLive(
  context: ProviderContext,
  client: PackagesClient,
  options: ResolvedRetentionOptions,
  live: ReadonlyMap<string, readonly PackageVersionInfo[]>,
  now: Date,
): Promise<LivePlan> {
  if (!usesImageGraph(options)) return { plan: planVersions(options, live, now), images: undefined };
  if (!context.registry) throw new Error('internal error: imageGraph needs a provider context with a registry client');
  const registry = context.registry();
  const read = registry ? await readManifests(client, registry, options, live) : withoutRegistry(live, context.settings().baseUrl);
  if (read.unreachable.length > 0) {
    const fallback = planVersions(options, live, now);
    return { plan: { ...fallback, warnings: [fallbackWarning(options, read.unreachable), ...fallback.warnings] }, images: undefined };
  }
  const images = planImages(options, live, read.manifests, now);
  return { plan: images, images };
}

function planVersions(options: ResolvedRetentionOptions, live: ReadonlyMap<string, readonly PackageVersionInfo[]>, now: Date): RetentionPlan {
  return planRetention({ packages: [...live].map(([name, versions]) => ({ name, versions })), options, now });
}
