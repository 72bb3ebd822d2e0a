/**
 * Retention over images instead of versions (pure), the default for container packages (`imageGraph` not `off`).
 * The rules as users read them: docs/container-images.md.
 *
 * 1. Per package, the image graph (image-graph.ts): each image is everything reachable from its root, to any
 *    depth. A manifest that cannot be read keeps every version of the package for this run, and a warning names
 *    it (fail closed).
 * 2. Each image is planned as one version would be, by the ordinary planner run over the image roots: keep
 *    counts, `select`, `tags`, the age cut-off and the newest-version guard count images; an image with a
 *    protected member (protectIds/Names/Tags) is protected whole. Orphaned referrers (with what they reference)
 *    are kept unless `imageCleanup` asks and none of them is protected; so are ghost and partial images (an
 *    index some or all of whose children are gone), which the rules otherwise treat as any other image.
 * 3. GitHub's refusals known in advance: a plan that would delete the last tagged version (or the last version)
 *    keeps the newest one, with its whole image.
 * 4. A deleted image deletes its members except those a kept image also reaches; every member of a kept image
 *    is kept.
 * 5. maxShareOfPackage counts versions. maxDeletionsPerRun counts versions and takes whole images (images sharing
 *    a member: together), oldest first; deletions are listed roots first, so an interrupted run leaves orphans, never a
 *    tag pointing at a broken index.
 */
import type { PackageVersionInfo } from '../types';
import { matchesList } from './patterns';
import { buildImageGraph, type ContainerImage, type ManifestLookup } from './image-graph';
import { listExamples as examples } from './list-examples';
import { maxShareError } from './max-share';
import { summarizePackage } from './package-summary';
import { planRetention } from './plan-retention';
import { KEEP_REASON_TEXT, type KeepReason, type PackagePlan, type PlannedDeletion, type RetentionPlan, type VersionDecision } from './plan-types';
import { futureWarnings, isFutureDated } from './future-times';
import { holdOf } from './holds';
import { findProtected } from './protection';
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
  const warnings: string[] = [];
  const errors: string[] = [];
  const packages = [...input.packages].sort((a, b) => compare(a.name, b.name));
  const work: PackageWork[] = packages.map((p) => planPackage({ ...p, options, now }, { warnings, errors }));

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

function planPackage(input: PackageInput, notes: { warnings: string[]; errors: string[] }): PackageWork {
  const { name, versions, manifests, options, now } = input;
  const { warnings, errors } = notes;
  const decisions = new Map<number, VersionDecision>();
  const keep = (v: PackageVersionInfo, reason: KeepReason, text: string, selected = false): void => {
    decisions.set(v.id, keepDecision(v, reason, text, selected));
  };
  const work: PackageWork = { name, decisions, all: [...versions], images: [], imageDecision: new Map() };
  const active = versions.filter((v) => v.state === 'active');
  for (const v of versions) if (v.state !== 'active') keep(v, 'not-active', `not active (state ${v.state})`);
  if (!matchesList(options.packages, name)) {
    for (const v of active) keep(v, 'package-not-selected', `package "${name}" is not matched by packages`);
    return work;
  }
  const graph = buildImageGraph(active, manifests);
  if (!graph.readable) {
    warnings.push(
      `package "${name}": ${graph.reasons.length} manifest(s) could not be read, so nothing in this package is deleted in this run (fail closed): ${examples(graph.reasons)}`,
    );
    for (const v of active) keep(v, 'unreadable-manifest', `kept: the image graph could not be read (${graph.reasons[0]})`);
    return work;
  }
  work.images = [...graph.images];

  // A protected member protects its whole image: its root joins protectIds for the image-level run.
  const memberProtection = findProtected(active, { ...options, keepNewestVersion: false, untaggedContainers: 'delete' });
  const protectionOf = (image: ContainerImage): { reason: KeepReason; text: string } | undefined => {
    for (const m of image.members) {
      const p = m.version && memberProtection.get(m.version.id);
      if (p)
        return {
          reason: p.reason,
          text: m.role === 'root' ? p.text : `protected: its ${m.label} ${m.version!.id} is ${p.text.replace(/^protected: /, '')}`,
        };
    }
    return undefined;
  };
  const protectedBy = new Map<number, string>();
  for (const image of graph.images) {
    const p = protectionOf(image);
    if (p) protectedBy.set(image.root.id, p.text);
  }
  const inner = planRetention({
    packages: [{ name, versions: graph.images.map((img) => imageAsVersion(img, options, now)) }],
    options: {
      ...options,
      untaggedContainers: 'delete',
      maxDeletionsPerRun: Number.MAX_SAFE_INTEGER,
      maxShareOfPackage: 1,
      protectIds: new Set([...options.protectIds, ...protectedBy.keys()]),
    },
    now,
    unit: 'image',
  });
  errors.push(...inner.errors);
  warnings.push(...inner.warnings);
  for (const d of inner.packages[0]?.decisions ?? []) {
    const protectedImage = protectedBy.has(d.id) && d.action === 'keep' && d.reason === 'protected-id';
    work.imageDecision.set(d.id, protectedImage ? { ...d, text: protectedBy.get(d.id)! } : d);
  }

  // imageCleanup ghost-images: an index whose children are all gone cannot be pulled; partial-images: an index
  // some of whose children are gone fails to pull on those platforms (dataaxiom/ghcr-cleanup-action's
  // delete-partial-images). Unless a guard protects it, such an image goes, whole, whatever the keep counts and
  // ages say.
  const overridable: readonly KeepReason[] = [
    'kept-by-keepNewest',
    'kept-by-keepNewestTagged',
    'kept-by-keepNewestUntagged',
    'younger-than-cutoff',
    'no-rule-for-group',
    'not-selected',
  ];
  const broken = [
    {
      health: 'ghost',
      cleanup: 'ghost-images',
      reason: 'ghost-image',
      text: (img: ContainerImage) => `delete: ghost image, all ${img.missing.length} of its manifests are gone (imageCleanup)`,
    },
    {
      health: 'partial',
      cleanup: 'partial-images',
      reason: 'partial-image',
      text: (img: ContainerImage) => `delete: partial image, ${img.missing.length} of its manifests are gone (imageCleanup)`,
    },
  ] as const;
  for (const rule of broken) {
    if (!options.imageCleanup?.has(rule.cleanup)) continue;
    for (const img of graph.images.filter((i) => i.health === rule.health)) {
      const d = work.imageDecision.get(img.root.id)!;
      if (d.action === 'keep' && overridable.includes(d.reason)) {
        work.imageDecision.set(img.root.id, { ...d, action: 'delete', reason: rule.reason, text: rule.text(img), selected: true });
      }
    }
  }

  // Orphaned referrers, each with what it references: kept unless imageCleanup asks, and never when protected.
  for (const { image, subject } of graph.orphans) {
    const root = image.root;
    const protection = protectionOf(image);
    work.imageDecision.set(
      root.id,
      protection
        ? keepDecision(root, protection.reason, protection.text, false)
        : options.imageCleanup?.has('orphaned-referrers')
          ? deleteDecision(root, 'orphaned-referrer', `delete: orphaned referrer, its subject ${subject} is gone (imageCleanup)`)
          : keepDecision(
              root,
              'orphan-referrer',
              `kept: a referrer whose subject ${subject} is not in the package (delete with imageCleanup: ["orphaned-referrers"])`,
              false,
            ),
    );
    work.images.push(image);
  }
  // Holds (holds.ts) over every image the rules, imageCleanup or the orphan rule would delete: whole images.
  for (const image of work.images) {
    const d = work.imageDecision.get(image.root.id)!;
    const hold = d.action === 'delete' ? holdOf(presentMembers(image), options, now) : undefined;
    if (hold) work.imageDecision.set(image.root.id, keepDecision(image.root, hold.reason, hold.text, true));
  }
  for (const v of graph.unreachable)
    keep(v, 'not-in-any-image', 'kept: in no image (tags or entries that refer in a circle); never deleted automatically');
  if (graph.unreachable.length > 0) {
    const list = graph.unreachable.map((v) => `${v.id} ${describeTags(v)}`);
    warnings.push(
      `package "${name}": ${list.length} version(s) are in no image the image graph can resolve (tags or entries that refer in a circle), so they and what they reference are kept: ${examples(list)}`,
    );
  }
  warnings.push(...futureWarnings(name, active, options.timeBasis, now));

  spareForGitHubRefusals(work, active, options);

  // Members follow their image; a member of any kept image is kept, and so is what an unplaced version reaches.
  // A root that another kept image reaches (possible once circles are resolved) keeps its own image too.
  const keptDigests = new Set<string>(graph.unplacedReach);
  for (let changed = true; changed;) {
    changed = false;
    for (const image of work.images) {
      if (work.imageDecision.get(image.root.id)?.action !== 'delete') for (const m of image.members) keptDigests.add(m.digest);
    }
    for (const image of work.images) {
      const d = work.imageDecision.get(image.root.id)!;
      if (d.action !== 'delete' || !keptDigests.has(image.root.name)) continue;
      work.imageDecision.set(image.root.id, keepDecision(image.root, 'shared-with-kept-image', 'kept: also a member of a kept image', true));
      changed = true;
    }
  }
  const orphanRoots = new Set(graph.orphans.map((o) => o.image.root.id));
  for (const image of work.images) {
    const root = work.imageDecision.get(image.root.id)!;
    decisions.set(image.root.id, root);
    for (const m of image.members.slice(1)) {
      if (!m.version || decisions.has(m.version.id)) continue;
      const of = orphanRoots.has(image.root.id)
        ? `referenced by orphaned referrer ${image.root.id}`
        : `${m.role === 'referrer' ? 'refers to' : 'part of'} image ${image.root.id} ${describeTags(image.root)}`;
      if (root.action === 'delete' && !keptDigests.has(m.digest)) {
        decisions.set(m.version.id, deleteDecision(m.version, root.reason, `delete: ${of}`));
      } else if (root.action === 'delete') {
        keep(m.version, 'shared-with-kept-image', `kept: ${of}, also referenced by a kept image`, true);
      } else {
        // Held back with its image (GitHub's refusals, an age floor): counted under the image's own reason.
        const reason = KEEP_REASON_TEXT[root.reason].heldBack ? root.reason : 'member-of-kept-image';
        keep(m.version, reason, `kept: ${of}, whose image is kept (${root.text})`, root.selected);
      }
    }
  }

  // maxShareOfPackage over versions, before the cap.
  const deleting = active.filter((v) => decisions.get(v.id)?.action === 'delete');
  const overShare = maxShareError(name, deleting.length, active.length, options.maxShareOfPackage, {
    whole: 'images are deleted whole, with their platform manifests, attestations and signatures',
    narrow: 'narrow the rules',
  });
  if (overShare) {
    errors.push(overShare);
    for (const v of deleting) keep(v, 'over-max-share', `kept: the package's deletions exceed maxShareOfPackage ${options.maxShareOfPackage}`, true);
    for (const [id, d] of work.imageDecision) if (d.action === 'delete') work.imageDecision.set(id, decisions.get(id)!);
  }
  for (const v of active) if (!decisions.has(v.id)) throw new Error(`internal error: version ${v.id} of "${name}" has no decision`);
  return work;
}

/**
 * Step 5 of the rules: GitHub refuses to delete a container package's last tagged version (and any package's
 * last version), so a plan that would do so keeps the newest such version, with its whole image (an image is
 * never split), and says why, instead of letting `up` run into the refusal.
 */
function spareForGitHubRefusals(work: PackageWork, active: readonly PackageVersionInfo[], options: ResolvedRetentionOptions): void {
  const deleting = (): Set<string> => {
    const kept = new Set<string>();
    const deleted = new Set<string>();
    for (const image of work.images) {
      const target = work.imageDecision.get(image.root.id)?.action === 'delete' ? deleted : kept;
      for (const m of image.members) if (m.version) target.add(m.digest);
    }
    for (const d of kept) deleted.delete(d);
    return deleted;
  };
  const newest = (versions: readonly PackageVersionInfo[]) =>
    [...versions].sort((a, b) =>
      newestFirst({ id: a.id, time: versionTime(a, options.timeBasis) }, { id: b.id, time: versionTime(b, options.timeBasis) }),
    )[0];
  const spare = (version: PackageVersionInfo, reason: 'last-tagged-version' | 'last-version', what: string) => {
    for (const image of work.images) {
      const d = work.imageDecision.get(image.root.id)!;
      const member = image.members.find((m) => m.digest === version.name);
      if (d.action !== 'delete' || !member) continue;
      const its = member.role === 'root' ? '' : `its ${member.label} ${version.id} is `;
      work.imageDecision.set(image.root.id, {
        id: d.id,
        name: d.name,
        tags: d.tags,
        action: 'keep',
        reason,
        text: `kept: ${its}${what}, which GitHub refuses to delete`,
        selected: true,
      });
    }
  };
  const tagged = active.filter((v) => v.tags.length > 0);
  let gone = deleting();
  if (tagged.length > 0 && tagged.every((v) => gone.has(v.name))) {
    spare(newest(tagged), 'last-tagged-version', "the container package's last tagged version");
    gone = deleting();
  }
  if (active.length > 0 && active.every((v) => gone.has(v.name))) spare(newest(active), 'last-version', "the package's last version");
}

/**
 * An image as the version planner sees it: its root, with the image's time. With `timeBasis: updated` that is the
 * latest update of any member (re-tagging a platform manifest updates the image); a member dated in the future
 * dates the image so (future-times.ts), so the image is held whole.
 */
function imageAsVersion(image: ContainerImage, options: ResolvedRetentionOptions, now: Date): PackageVersionInfo {
  const present = presentMembers(image);
  const latest = (key: 'createdAt' | 'updatedAt') => present.reduce((a, v) => (Date.parse(v[key]) > Date.parse(a) ? v[key] : a), image.root[key]);
  const future = present.some((v) => isFutureDated(v, options.timeBasis, now));
  const createdAt = future ? latest('createdAt') : image.root.createdAt;
  const updatedAt = options.timeBasis === 'updated' || future ? latest('updatedAt') : image.root.updatedAt;
  return { ...image.root, createdAt, updatedAt };
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
