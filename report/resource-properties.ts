/**
 * The one place that knows this package's resource types and the property names its providers record for `up`
 * (the checked inputs the engine writes into `pulumi preview --json` and into a saved plan):
 *   - PackageVersionRetention: `pendingDeletions` { package: [JSON texts of { versionId: "<name> [tags]|(untagged)
 *     created <iso>: <rule>" }] } (earlier versions: one such object; lines in the provider's own format, read back
 *     with its parser), `pendingImages` (image trees),
 *     `planSummary` (per package: `deleting` and the reasons versions are held back), `remainingForNextRun`,
 *     `planEstimate`, `planWarnings`;
 *   - PackageVersion: `plannedAction` ('delete' | 'restore' | 'none') and `version` { versionId, versionName, tags,
 *     createdAt };
 *   - PackageVersionSet: `pendingChanges` { versionId: "<name> [tags] created <iso>[, deleted <iso>]: delete|restore" }
 *     (read back with the provider's own parser), `planEstimate`;
 *   - Package: `plannedAction`.
 * The names come from each resource's contract (provider/contracts/): a renamed property fails to compile here,
 * and this module changes while nothing else in the report does.
 */
import type { PackageState, PackageVersionState, RetentionState, ReviewedVersion } from '../provider/contracts';
import { HELD_BACK_REASONS, KEEP_REASON_TEXT } from '../provider/planner/plan-types';
import { PLAN_SUMMARY_ACCOUNT_KEYS as ACCOUNT_KEYS, parsePendingLine, pendingLinesOf } from '../provider/resources/retention-plan-view';
import { reviewedChanges } from '../provider/resources/version-set-view';
import { UNKNOWN, type EngineDocument, type EngineResource } from './engine-document';
import type { ImageTree, ResourceKind, ResourceReview, Review, VersionChange } from './review-model';
import { ownEntry } from '../provider/own-entry';

export const RESOURCE_TYPES: Readonly<Record<ResourceKind, string>> = {
  PackageVersionRetention: 'pulumi-nodejs:dynamic/github-packages:PackageVersionRetention',
  PackageVersion: 'pulumi-nodejs:dynamic/github-packages:PackageVersion',
  PackageVersionSet: 'pulumi-nodejs:dynamic/github-packages:PackageVersionSet',
  Package: 'pulumi-nodejs:dynamic/github-packages:Package',
};

/** Property names, checked by the compiler against the contracts. */
const retention = <K extends Extract<keyof RetentionState, string>>(key: K): K => key;
const version = <K extends Extract<keyof PackageVersionState, string>>(key: K): K => key;
const pkg = <K extends Extract<keyof PackageState, string>>(key: K): K => key;
const reviewed = <K extends Extract<keyof ReviewedVersion, string>>(key: K): K => key;

/** Package types whose versions carry tags (the lines say `(untagged)` only for these). */
const TAGGED_TYPES = ['container', 'docker'];

/** The rule shown for a planned change the report could not read (the report then says so and fails). */
export const UNREADABLE_RULE = '(unreadable: see the caution above)';

/** Steps after which the engine calls the provider's create or update: the only ones that delete or restore. */
const ACTING_OPS = ['create', 'update', 'replace', 'create-replacement'];

export function reviewOf(doc: EngineDocument): Review {
  const kinds = new Map(Object.entries(RESOURCE_TYPES).map(([kind, type]) => [type, kind as ResourceKind]));
  const resources: ResourceReview[] = [];
  const seen = new Set<string>();
  for (const resource of doc.resources) {
    const kind = kinds.get(resource.type);
    // A replacement shows as several steps of one URN; the one that acts is reviewed.
    if (!kind || seen.has(resource.urn)) continue;
    const steps = doc.resources.filter((r) => r.urn === resource.urn);
    const step = steps.find((r) => acts(r.op)) ?? resource;
    seen.add(resource.urn);
    resources.push(reviewResource(kind, step));
  }
  const messages = doc.messages.map((m) => ({
    severity: m.severity,
    message: m.message,
    ...(m.urn ? { resource: m.urn.split('::').pop() ?? m.urn } : {}),
  }));
  return { source: doc.kind, project: doc.project, stack: doc.stack, resources, messages };
}

function acts(op: string): boolean {
  return op.split('+').some((o) => ACTING_OPS.includes(o));
}

function reviewResource(kind: ResourceKind, r: EngineResource): ResourceReview {
  const p = r.properties;
  const packageType = text(p[pkg('packageType')]) ?? '?';
  const base = {
    urn: r.urn,
    name: r.name,
    kind,
    op: r.op,
    acts: acts(r.op),
    owner: text(p[pkg('org')]) ?? text(p[pkg('user')]) ?? '@me',
    packageType,
  };
  const unknownProperties = Object.keys(p)
    .filter((key) => p[key] === UNKNOWN)
    .sort();
  if (kind === 'PackageVersionRetention') return { ...base, ...retentionReview(p, TAGGED_TYPES.includes(packageType), base.acts), unknownProperties };
  const empty = { images: [], heldBack: {}, remainingForNextRun: 0, warnings: [], unreadableLines: [], unknownProperties };
  if (kind === 'PackageVersionSet') return { ...base, ...empty, ...versionSet(p, TAGGED_TYPES.includes(packageType), base.acts) };
  return { ...base, ...empty, changes: base.acts ? stateChange(kind, p) : [] };
}

function retentionReview(p: Readonly<Record<string, unknown>>, tagged: boolean, acting: boolean) {
  const changes: VersionChange[] = [];
  const unreadableLines: string[] = [];
  const pending = acting ? records(p[retention('pendingDeletions')]) : {};
  for (const [packageName, entry] of Object.entries(pending)) {
    const { lines, unread } = packageLines(entry);
    for (const text of unread) unreadableLines.push(`${packageName}: ${text}`);
    for (const [versionId, line] of lines) {
      if (typeof line !== 'string') {
        // Listed by id, never dropped; a row cut short (line null) is in `unread` already.
        changes.push({ action: 'delete', packageName, versionId, rule: UNREADABLE_RULE });
        if (line !== null) unreadableLines.push(`${packageName} ${versionId}: ${JSON.stringify(line)}`);
        continue;
      }
      try {
        const { name, tags, basis, time, rule } = parsePendingLine(line);
        changes.push({ action: 'delete', packageName, versionId, versionName: name, ...(tagged ? { tags } : {}), time, timeBasis: basis, rule });
      } catch {
        // Never dropped: the row is there, by id, and the report says it could not read it.
        changes.push({ action: 'delete', packageName, versionId, rule: UNREADABLE_RULE });
        unreadableLines.push(`${packageName} ${versionId}: ${line}`);
      }
    }
  }
  // The plan's own count per package (`planSummary.deleting`): a list with fewer rows is not the whole plan.
  if (acting) {
    for (const [packageName, counts] of Object.entries(records(p[retention('planSummary')]))) {
      const stated = records(counts).deleting;
      const listed = changes.filter((c) => c.packageName === packageName).length;
      if (typeof stated === 'number' && stated > listed)
        unreadableLines.push(`${packageName}: the plan counts ${stated} deletions, its list holds ${listed}`);
    }
  }
  const images: ImageTree[] = [];
  for (const [packageName, roots] of Object.entries(acting ? records(p[retention('pendingImages')]) : {})) {
    for (const [rootId, lines] of Object.entries(records(roots))) {
      if (Array.isArray(lines)) images.push({ packageName, rootId, lines: lines.filter((l): l is string => typeof l === 'string') });
    }
  }
  const heldBack: Record<string, Record<string, number>> = {};
  for (const [pkg, counts] of Object.entries(records(p[retention('planSummary')]))) {
    for (const [reason, n] of Object.entries(records(counts))) {
      // `listed`, `deleting` and `kept` are the account around the held-back counts.
      if (!ACCOUNT_KEYS.includes(reason) && typeof n === 'number' && n > 0) ownEntry(heldBack, pkg, () => ({}))[reason] = n;
    }
  }
  const estimate = text(p[retention('planEstimate')]);
  const remaining = p[retention('remainingForNextRun')];
  const warnings = p[retention('planWarnings')];
  return {
    changes,
    images,
    heldBack,
    remainingForNextRun: typeof remaining === 'number' ? remaining : 0,
    ...(estimate && acting ? { estimate } : {}),
    warnings: Array.isArray(warnings) ? warnings.filter((w): w is string => typeof w === 'string') : [],
    unreadableLines,
  };
}

/**
 * One package's entry of `pendingDeletions` as `[version id, line]` rows: the JSON texts the provider writes (or the
 * object earlier versions wrote). A text that does not parse whole is read row by row up to where it breaks (each
 * row a quoted id, then a JSON string: a name cannot end a row early, its quotes are escaped); the row where it
 * breaks is listed by its id when that can be read (line null), and the rest is returned in `unread`, so the report
 * lists what it can by id and says it could not read the rest.
 */
function packageLines(entry: unknown): { lines: Array<[string, unknown]>; unread: string[] } {
  const texts = typeof entry === 'string' ? [entry] : Array.isArray(entry) ? entry : undefined;
  if (!texts) return { lines: Object.entries(records(entry)), unread: [] };
  const lines: Array<[string, unknown]> = [];
  const unread: string[] = [];
  for (const text of texts) {
    if (typeof text !== 'string') {
      unread.push(String(JSON.stringify(text)));
      continue;
    }
    try {
      lines.push(...Object.entries(pendingLinesOf(text)));
      continue;
    } catch {
      // read below, row by row
    }
    const row = /([{,])"(\d+)":("(?:[^"\\]|\\.)*")/y;
    let at = 0;
    for (let m = row.exec(text); m && (m[1] === '{') === (at === 0); m = row.exec(text)) {
      try {
        lines.push([m[2], JSON.parse(m[3]) as string]);
      } catch {
        break;
      }
      at = row.lastIndex;
    }
    const cut = /^[{,]"(\d+)":/.exec(text.slice(at));
    if (cut) lines.push([cut[1], null]);
    unread.push(text.slice(at));
  }
  return { lines, unread };
}

function versionSet(p: Readonly<Record<string, unknown>>, tagged: boolean, acting: boolean) {
  const changes: VersionChange[] = [];
  const unreadableLines: string[] = [];
  const packageName = text(p.packageName) ?? '?';
  for (const [versionId, line] of Object.entries(acting ? records(p.pendingChanges) : {})) {
    if (typeof line !== 'string') continue;
    try {
      const [c] = reviewedChanges({ [versionId]: line });
      changes.push({
        action: c.action,
        packageName,
        versionId,
        versionName: c.name,
        ...(tagged ? { tags: c.tags } : {}),
        time: c.createdAt,
        timeBasis: 'created',
        rule: `PackageVersionSet state: ${text(p.state) ?? '?'}`,
      });
    } catch {
      // Never dropped: a line that does not say restore counts as a deletion (a report never shows fewer).
      changes.push({ action: / restore$/.test(line) ? 'restore' : 'delete', packageName, versionId, rule: UNREADABLE_RULE });
      unreadableLines.push(`${packageName} ${versionId}: ${line}`);
    }
  }
  const estimate = text(p.planEstimate);
  return { changes, unreadableLines, ...(estimate && acting ? { estimate } : {}) };
}

function stateChange(kind: ResourceKind, p: Readonly<Record<string, unknown>>): VersionChange[] {
  const action = p[pkg('plannedAction')];
  if (action !== 'delete' && action !== 'restore') return [];
  const packageName = text(p[pkg('packageName')]) ?? '?';
  const state = text(p[pkg('state')]) ?? '?';
  if (kind === 'Package') return [{ action, packageName, rule: `Package state: ${state}` }];
  const planned = records(p[version('version')]);
  const tags = Array.isArray(planned[reviewed('tags')])
    ? (planned[reviewed('tags')] as unknown[]).filter((t): t is string => typeof t === 'string')
    : undefined;
  const plannedId = planned[reviewed('versionId')];
  const givenId = p[version('versionId')];
  const id = typeof plannedId === 'number' ? String(plannedId) : typeof givenId === 'number' ? String(givenId) : undefined;
  const name = text(planned[reviewed('versionName')]) ?? text(p[version('versionName')]);
  const createdAt = text(planned[reviewed('createdAt')]);
  return [
    {
      action,
      packageName,
      ...(id ? { versionId: id } : {}),
      ...(name ? { versionName: name } : {}),
      ...(TAGGED_TYPES.includes(text(p[version('packageType')]) ?? '') && tags ? { tags } : {}),
      ...(createdAt ? { time: createdAt, timeBasis: 'created' as const } : {}),
      rule: `PackageVersion state: ${state}`,
    },
  ];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function records(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The reasons `planSummary` counts by name, in a reviewer's words: the planner's own list (plan-types.ts). */
const HELD_BACK_WORDS: Readonly<Record<string, string>> = Object.fromEntries(HELD_BACK_REASONS.map((r) => [r, KEEP_REASON_TEXT[r].summary]));

export function describeHeldBack(reason: string): string {
  return HELD_BACK_WORDS[reason] ?? reason;
}

/** The `planSummary` reason counted as waiting for the next run. */
export const NEXT_RUN_REASON = 'deferred-by-cap';
