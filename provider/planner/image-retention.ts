/**
 * Retention over images instead of versions (pure), the default for container packages (`imageGraph` not `off`).
 * The rules as users read them: docs/container-images.md. This file decides nothing the version planner decides:
 * it describes images as units of the one decision pipeline (plan-retention.ts) and follows its decisions.
 *
 * 1. Per package, the image graph (image-graph.ts): each image is everything reachable from its root, to any
 *    depth. A manifest that cannot be read keeps every version of the package for this run, and a warning names
 *    it (fail closed). Versions in no image are kept, with what they reach.
 * 2. Each image is a unit: its root with the image's times, its present members, and an `imageCleanup` request
 *    (ghost and partial images; orphaned referrers, which the rules do not see otherwise). The pipeline runs once
 *    over all packages: protections, selection, counts, ages, holds, GitHub's refusals and maxShareOfPackage.
 * 3. A deleted image deletes its members except those a kept image also reaches; every member of a kept image is
 *    kept, under its image's reason when the image is held back.
 * 4. maxDeletionsPerRun counts versions and takes whole images (images sharing a member: together), oldest first;
 *    deletions are listed roots first, so an interrupted run leaves orphans, never a tag pointing at a broken index.
 */
import type { PackageVersionInfo } from '../types';
import { matchesList } from './patterns';
import { buildImageGraph, type ContainerImage, type ManifestLookup } from './image-graph';
import { listExamples as examples } from './list-examples';
import { summarizePackage } from './package-summary';
import { planRetention, type PlanPackage, type PlanUnit, type UnitMember } from './plan-retention';
import { KEEP_REASON_TEXT, type PackagePlan, type PlannedDeletion, type RetentionPlan, type VersionDecision } from './plan-types';
import { futureWarnings } from './future-times';
import type { ResolvedRetentionOptions } from './retention-options';
import { deferredByCap, deleteDecision, keepDecision, plannedDeletion, versionKey } from './version-decision';
import { compareNames as compare, newestFirst, oldestFirst, versionTime } from './version-order';

export interface ImagePlanInput {
  packages: ReadonlyArray<{ name: string; versions: readonly PackageVersionInfo[]; manifests: ManifestLookup }>;
  options: ResolvedRetentionOptions;
  now: Date;
}

/** One image with a decision, rendered as a tree: root line first, then members indented. */
export interface PlannedImage {
  package: string;
  rootId: number;
  action: 'delete' | 'deferred' | 'keep';
  lines: string[];
  /** Every present member's version id (root excluded), so apply can hold members back with their root. */
  memberIds: number[];
}

export interface ImageRetentionPlan extends RetentionPlan {
  /** Images this run deletes or defers, oldest first. */
  images: PlannedImage[];
}

interface Candidate {
  pkg: PackageWork;
  image: ContainerImage;
  /** Member versions this image's deletion deletes. */
  ids: number[];
  time: number;
}

interface PackageWork {
  name: string;
  decisions: Map<number, VersionDecision>;
  all: PackageVersionInfo[];
  images: ContainerImage[];
  /** Root id → the root's decision. */
  imageDecision: Map<number, VersionDecision>;
}

export function planImageRetention(input: ImagePlanInput): ImageRetentionPlan {
  const { options, now } = input;
  const graphWarnings: string[] = [];
  const packages = [...input.packages].sort((a, b) => compare(a.name, b.name));
  const described = packages.map((p) => describePackage({ ...p, options, now }, graphWarnings));
  // The one decision pipeline (plan-retention.ts), over the images of every package; the cap is taken here, over
  // whole images.
  const unitPlan = planRetention({
    packages: described.flatMap((d) => d.planned ?? []),
    options: { ...options, untaggedContainers: 'delete', maxDeletionsPerRun: Number.MAX_SAFE_INTEGER },
    now,
    unit: 'image',
  });
  const errors = [...unitPlan.errors];
  // The rules' warnings (as written), then the graph's, package by package.
  const warnings = [...unitPlan.warnings, ...graphWarnings];
  const unitDecisions = new Map(unitPlan.packages.map((p) => [p.name, p.decisions]));
  const work: PackageWork[] = described.map((d) => followImages(d, unitDecisions.get(d.name) ?? []));

  // maxDeletionsPerRun over versions, whole images, oldest image first across packages.
  const candidates: Candidate[] = [];
  for (const pkg of work) {
    for (const image of pkg.images) {
      if (pkg.imageDecision.get(image.root.id)?.action !== 'delete') continue;
      const ids = image.members.filter((m) => m.version && pkg.decisions.get(m.version.id)?.action === 'delete').map((m) => m.version!.id);
      candidates.push({ pkg, image, ids: [...new Set(ids)], time: versionTime(image.root, options.timeBasis) });
    }
  }
  candidates.sort(
    (a, b) => oldestFirst({ id: a.image.root.id, time: a.time }, { id: b.image.root.id, time: b.time }) || compare(a.pkg.name, b.pkg.name),
  );
  // Images to delete that share a member go (or wait) together: deferring one while deleting the other would
  // delete a manifest the deferred image still needs. Groups keep the order of their oldest image.
  const groups: Candidate[][] = [];
  const groupOf = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const keys = c.image.members.map((m) => versionKey(c.pkg.name, m.digest));
    const joined = [...new Set(keys.map((k) => groupOf.get(k)).filter((g): g is Candidate[] => g !== undefined))];
    const group = joined[0] ?? [];
    if (joined.length === 0) groups.push(group);
    for (const other of joined.slice(1)) {
      group.push(...other);
      groups.splice(groups.indexOf(other), 1);
    }
    group.push(c);
    for (const member of group) for (const m of member.image.members) groupOf.set(versionKey(member.pkg.name, m.digest), group);
  }
  let taken = 0;
  let remainingForNextRun = 0;
  let full = false;
  const deletions: PlannedDeletion[] = [];
  const images: PlannedImage[] = [];
  for (const group of groups) {
    group.sort(
      (a, b) => oldestFirst({ id: a.image.root.id, time: a.time }, { id: b.image.root.id, time: b.time }) || compare(a.pkg.name, b.pkg.name),
    );
    const size = new Set(group.flatMap((c) => c.ids.map((id) => versionKey(c.pkg.name, id)))).size;
    if (!full && taken + size > options.maxDeletionsPerRun) {
      full = true;
      if (taken === 0) {
        warnings.push(
          `maxDeletionsPerRun ${options.maxDeletionsPerRun} is smaller than the oldest image to delete (${size} versions, root ${group[0].image.root.id}); images are deleted whole, so raise maxDeletionsPerRun to at least ${size}`,
        );
      }
    }
    if (full) {
      remainingForNextRun += size;
      for (const c of group) {
        for (const id of c.ids) {
          const d = c.pkg.decisions.get(id)!;
          if (d.action === 'delete') c.pkg.decisions.set(id, deferredByCap(d, options.maxDeletionsPerRun));
        }
        images.push({
          package: c.pkg.name,
          rootId: c.image.root.id,
          action: 'deferred',
          lines: treeLines(c.image, c.pkg.decisions),
          memberIds: memberIdsOf(c.image),
        });
      }
      continue;
    }
    taken += size;
    // Every root of the group first, then members: no manifest goes while an index that references it remains.
    const ordered = [
      ...group.map((c) => ({ c, members: c.image.members.slice(0, 1) })),
      ...group.map((c) => ({ c, members: c.image.members.slice(1) })),
    ];
    for (const { c, members } of ordered) {
      for (const m of members) {
        const d = m.version && c.pkg.decisions.get(m.version.id);
        if (!m.version || d?.action !== 'delete' || deletions.some((x) => x.package === c.pkg.name && x.id === m.version!.id)) continue;
        deletions.push(plannedDeletion(c.pkg.name, m.version, d.reason, options.timeBasis));
      }
    }
    for (const c of group)
      images.push({
        package: c.pkg.name,
        rootId: c.image.root.id,
        action: 'delete',
        lines: treeLines(c.image, c.pkg.decisions),
        memberIds: memberIdsOf(c.image),
      });
  }

  for (const pkg of work) {
    const reported = pkg.images.filter((img) => img.health !== 'complete');
    if (reported.length > 0) {
      const list = reported.map((img) => `${img.root.id} ${describeTags(img.root)} (${img.health}: ${img.missing.length} missing)`);
      warnings.push(
        `package "${pkg.name}": ${reported.length} image(s) reference manifests that are gone (ghost = all children gone, partial = some; imageCleanup "ghost-images" / "partial-images" deletes them); missing children are skipped: ${examples(list)}`,
      );
    }
  }
  return {
    timeBasis: options.timeBasis,
    deletions,
    packages: work.map((pkg) => summarize(pkg, options)),
    remainingForNextRun,
    warnings,
    errors,
    images,
  };
}

/** One container package to plan, image by image. */
interface PackageInput {
  name: string;
  versions: readonly PackageVersionInfo[];
  manifests: ManifestLookup;
  options: ResolvedRetentionOptions;
  now: Date;
}

/** A package described for the pipeline: its units (images, orphaned referrers), and what is decided without it. */
interface DescribedPackage {
  name: string;
  all: PackageVersionInfo[];
  images: ContainerImage[];
  orphanRoots: Set<number>;
  /** Decisions made before the pipeline: a graph that cannot be read, versions in no image. */
  decisions: Map<number, VersionDecision>;
  planned?: PlanPackage;
}

function describePackage(input: PackageInput, warnings: string[]): DescribedPackage {
  const { name, versions, manifests, options, now } = input;
  const described: DescribedPackage = { name, all: [...versions], images: [], orphanRoots: new Set(), decisions: new Map() };
  const active = versions.filter((v) => v.state === 'active');
  const inactive = versions.filter((v) => v.state !== 'active').map((version) => ({ version }));
  if (!matchesList(options.packages, name)) {
    described.planned = { name, versions };
    return described;
  }
  const graph = buildImageGraph(active, manifests);
  if (!graph.readable) {
    warnings.push(
      `package "${name}": ${graph.reasons.length} manifest(s) could not be read, so nothing in this package is deleted in this run (fail closed): ${examples(graph.reasons)}`,
    );
    for (const v of versions)
      described.decisions.set(
        v.id,
        v.state === 'active'
          ? keepDecision(v, 'unreadable-manifest', `kept: the image graph could not be read (${graph.reasons[0]})`, false)
          : keepDecision(v, 'not-active', `not active (state ${v.state})`, false),
      );
    return described;
  }
  described.images = [...graph.images, ...graph.orphans.map((o) => o.image)];
  described.orphanRoots = new Set(graph.orphans.map((o) => o.image.root.id));
  const units: PlanUnit[] = graph.images.map((image) => ({
    version: imageAsVersion(image, options),
    members: membersOf(image),
    request: cleanupRequest(image, options),
  }));
  for (const { image, subject } of graph.orphans) {
    units.push({
      version: image.root,
      members: membersOf(image),
      outside: {
        reason: 'orphan-referrer',
        text: `kept: a referrer whose subject ${subject} is not in the package (delete with imageCleanup: ["orphaned-referrers"])`,
      },
      ...(options.imageCleanup?.has('orphaned-referrers')
        ? { request: { rule: 'orphaned-referrer', text: `delete: orphaned referrer, its subject ${subject} is gone (imageCleanup)` } }
        : {}),
    });
  }
  for (const v of graph.unreachable)
    described.decisions.set(
      v.id,
      keepDecision(v, 'not-in-any-image', 'kept: in no image (tags or entries that refer in a circle); never deleted automatically', false),
    );
  if (graph.unreachable.length > 0) {
    const list = graph.unreachable.map((v) => `${v.id} ${describeTags(v)}`);
    warnings.push(
      `package "${name}": ${list.length} version(s) are in no image the image graph can resolve (tags or entries that refer in a circle), so they and what they reference are kept: ${examples(list)}`,
    );
  }
  warnings.push(...futureWarnings(name, active, options.timeBasis, now));
  // What an unplaced version reaches is kept with it.
  const unplaced = new Set(graph.unplacedReach);
  described.planned = { name, units: [...inactive, ...units], held: active.filter((v) => unplaced.has(v.name)) };
  return described;
}

/**
 * imageCleanup ghost-images: an index whose children are all gone cannot be pulled; partial-images: an index some
 * of whose children are gone fails to pull on those platforms (dataaxiom/ghcr-cleanup-action's
 * delete-partial-images). Such an image is asked for deletion, whole, whatever the keep counts and ages say; the
 * pipeline still applies the guards.
 */
function cleanupRequest(image: ContainerImage, options: ResolvedRetentionOptions): PlanUnit['request'] {
  if (image.health === 'ghost' && options.imageCleanup?.has('ghost-images'))
    return { rule: 'ghost-image', text: `delete: ghost image, all ${image.missing.length} of its manifests are gone (imageCleanup)` };
  if (image.health === 'partial' && options.imageCleanup?.has('partial-images'))
    return { rule: 'partial-image', text: `delete: partial image, ${image.missing.length} of its manifests are gone (imageCleanup)` };
  return undefined;
}

function membersOf(image: ContainerImage): UnitMember[] {
  return image.members.flatMap((m) => (m.version ? [m.role === 'root' ? { version: m.version } : { version: m.version, label: m.label }] : []));
}

/**
 * Members follow their image: a deleted image deletes its members except those a kept image (or an unplaced
 * version) also holds; a member of a kept image is kept, under the image's reason when the image is held back.
 * An image over maxShareOfPackage counts as deleting here, and its members say so.
 */
function followImages(pkg: DescribedPackage, unitDecisions: readonly VersionDecision[]): PackageWork {
  const decisions = pkg.decisions;
  const work: PackageWork = { name: pkg.name, decisions, all: pkg.all, images: pkg.images, imageDecision: new Map() };
  if (!pkg.planned) return work;
  if (!('units' in pkg.planned)) {
    for (const d of unitDecisions) decisions.set(d.id, d);
    return work;
  }
  const roots = new Set(pkg.images.map((i) => i.root.id));
  for (const d of unitDecisions) (roots.has(d.id) ? work.imageDecision : decisions).set(d.id, d);
  const wouldDelete = (d: VersionDecision) => d.action === 'delete' || d.reason === 'over-max-share';
  const kept = new Set<number>(pkg.planned.held?.map((v) => v.id));
  for (const image of pkg.images) {
    if (!wouldDelete(work.imageDecision.get(image.root.id)!)) for (const m of membersOf(image)) kept.add(m.version.id);
  }
  for (const image of pkg.images) {
    const root = work.imageDecision.get(image.root.id)!;
    decisions.set(image.root.id, root);
    for (const m of image.members.slice(1)) {
      if (!m.version || decisions.has(m.version.id)) continue;
      const of = pkg.orphanRoots.has(image.root.id)
        ? `referenced by orphaned referrer ${image.root.id}`
        : `${m.role === 'referrer' ? 'refers to' : 'part of'} image ${image.root.id} ${describeTags(image.root)}`;
      if (wouldDelete(root) && kept.has(m.version.id)) {
        decisions.set(m.version.id, keepDecision(m.version, 'shared-with-kept-image', `kept: ${of}, also referenced by a kept image`, true));
      } else if (root.action === 'delete') {
        decisions.set(m.version.id, deleteDecision(m.version, root.reason, `delete: ${of}`));
      } else if (root.reason === 'over-max-share') {
        decisions.set(m.version.id, keepDecision(m.version, root.reason, root.text, true));
      } else {
        // Held back with its image (GitHub's refusals, an age floor): counted under the image's own reason.
        const reason = KEEP_REASON_TEXT[root.reason].heldBack ? root.reason : 'member-of-kept-image';
        decisions.set(m.version.id, keepDecision(m.version, reason, `kept: ${of}, whose image is kept (${root.text})`, root.selected));
      }
    }
  }
  for (const v of pkg.all) if (!decisions.has(v.id)) throw new Error(`internal error: version ${v.id} of "${pkg.name}" has no decision`);
  return work;
}

/**
 * An image as the pipeline's rules read it: its root, with the image's time. With `timeBasis: updated` that is the
 * latest update of any member (re-tagging a platform manifest updates the image). (A member dated in the future
 * holds the whole image: the pipeline checks every member.)
 */
function imageAsVersion(image: ContainerImage, options: ResolvedRetentionOptions): PackageVersionInfo {
  if (options.timeBasis !== 'updated') return image.root;
  const updatedAt = presentMembers(image).reduce((a, v) => (Date.parse(v.updatedAt) > Date.parse(a) ? v.updatedAt : a), image.root.updatedAt);
  return { ...image.root, updatedAt };
}

function presentMembers(image: ContainerImage): PackageVersionInfo[] {
  return image.members.flatMap((m) => (m.version ? [m.version] : []));
}

function memberIdsOf(image: ContainerImage): number[] {
  return image.members.slice(1).flatMap((m) => (m.version ? [m.version.id] : []));
}

function treeLines(image: ContainerImage, decisions: ReadonlyMap<number, VersionDecision>): string[] {
  const describe = (id: number | undefined) => (id === undefined ? 'missing: skipped' : (decisions.get(id)?.text ?? ''));
  const root = image.root;
  const lines = [`${describeTags(root)} ${image.kind} ${root.id} ${root.name}, created ${root.createdAt}: ${describe(root.id)}`];
  const rest = image.members.slice(1);
  rest.forEach((m, i) => {
    const branch = i === rest.length - 1 ? '└─' : '├─';
    // A tagged member deleted with its image takes its tags with it: show them.
    const tags = m.version && m.version.tags.length > 0 ? ` ${describeTags(m.version)}` : '';
    lines.push(`  ${branch} ${m.label} ${m.version?.id ?? '-'} ${m.digest}${tags}: ${describe(m.version?.id)}`);
  });
  return lines;
}

function summarize(pkg: PackageWork, options: ResolvedRetentionOptions): PackagePlan {
  const ordered = [...pkg.all].sort((a, b) =>
    newestFirst({ id: a.id, time: versionTime(a, options.timeBasis) }, { id: b.id, time: versionTime(b, options.timeBasis) }),
  );
  return summarizePackage(
    pkg.name,
    ordered.flatMap((v) => pkg.decisions.get(v.id) ?? []),
  );
}

function describeTags(v: PackageVersionInfo): string {
  return v.tags.length > 0 ? `[${[...v.tags].sort(compare).join(', ')}]` : 'untagged';
}
