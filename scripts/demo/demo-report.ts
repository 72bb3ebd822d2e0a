/**
 * What the demo prints: the reviewer's view of a preview (pending deletions and restores per resource, as
 * tables), and the closing summary of what `up` deleted and restored. Pure formatting: data in, text out.
 */
import type { AppliedChange } from './applied-changes';
import { changeKey, type PlannedChange } from './planned-changes';
import { renderTable } from '../../report/text-table';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `sha256:3c6c09f24af96c…` → `sha256:3c6c09f24af9…`; other names unchanged. */
export function shortName(name: string | undefined): string {
  if (!name) return '-';
  const digest = /^(sha256:[0-9a-f]{12})[0-9a-f]+$/.exec(name);
  return digest ? `${digest[1]}…` : name;
}

/** `2026-06-01T11:43:00Z` → `2026-06-01 (178d ago)`. */
export function describeTime(iso: string | undefined, now: number): string {
  if (!iso) return '-';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const days = Math.floor((now - t) / DAY_MS);
  return `${iso.slice(0, 10)} (${days < 1 ? 'today' : `${days}d ago`})`;
}

function tagsOf(change: PlannedChange): string {
  if (change.packageType !== 'container' && change.packageType !== 'docker') return '-';
  return change.tags && change.tags.length > 0 ? change.tags.join(', ') : '(untagged)';
}

export interface PreviewView {
  readonly planned: readonly PlannedChange[];
  /** Per resource (URN name): the warnings its plan carries (`planWarnings`). */
  readonly warnings: ReadonlyMap<string, readonly string[]>;
  /** Resources and their step, e.g. `image-retention` → `create`. */
  readonly steps: ReadonlyMap<string, { type: string; op: string }>;
}

/** The preview as a reviewer reads it: per resource, every delete and restore `up` will make. */
export function renderPreview(view: PreviewView, now: number): string {
  const out: string[] = [];
  for (const [resource, step] of view.steps) {
    const changes = view.planned.filter((c) => c.resource === resource);
    const kind = step.type.split(':').pop();
    const counts = countActions(changes);
    out.push(`${kind} "${resource}" (${step.op}): ${counts || 'nothing to delete or restore'}`);
    if (changes.length > 0) {
      out.push(
        renderTable(changes, [
          { header: 'ACTION', value: (c) => c.action },
          { header: 'PACKAGE', value: (c) => `${c.packageType}/${c.packageName}` },
          { header: 'VERSION ID', value: (c) => (c.versionId === undefined ? '(package)' : String(c.versionId)), align: 'right' },
          { header: 'NAME', value: (c) => shortName(c.versionName) },
          { header: 'TAGS', value: tagsOf },
          { header: 'CREATED', value: (c) => describeTime(c.createdAt, now) },
          { header: 'RULE', value: (c) => c.reason },
        ]),
      );
    }
    for (const warning of view.warnings.get(resource) ?? []) out.push(`  warning: ${warning}`);
    out.push('');
  }
  return out.join('\n').trimEnd();
}

function countActions(changes: readonly PlannedChange[]): string {
  const deletes = changes.filter((c) => c.action === 'delete').length;
  const restores = changes.filter((c) => c.action === 'restore').length;
  const parts: string[] = [];
  if (deletes) parts.push(`${deletes} to delete`);
  if (restores) parts.push(`${restores} to restore`);
  return parts.join(', ');
}

export interface SummaryRow {
  readonly resource: string;
  readonly pkg: string;
  readonly deleted: number;
  readonly restored: number;
  readonly skipped: number;
}

/** What happened, per resource and package: the simulator's log joined with the resources that planned it. */
export function summarize(
  planned: readonly PlannedChange[],
  applied: readonly AppliedChange[],
  skippedByResource: ReadonlyMap<string, Record<string, number>>,
): SummaryRow[] {
  const owner = new Map(planned.map((c) => [changeKey(c), c.resource]));
  const rows = new Map<string, { -readonly [K in keyof SummaryRow]: SummaryRow[K] }>();
  const row = (resource: string, pkg: string) => {
    const key = `${resource}\u0000${pkg}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { resource, pkg, deleted: 0, restored: 0, skipped: 0 }));
    return r;
  };
  for (const change of applied) {
    if (change.status < 200 || change.status >= 300) continue;
    const r = row(owner.get(changeKey(change)) ?? '(not in the preview)', `${change.packageType}/${change.packageName}`);
    if (change.action === 'delete') r.deleted += 1;
    else r.restored += 1;
  }
  for (const [resource, perPackage] of skippedByResource) {
    for (const [pkg, skipped] of Object.entries(perPackage)) if (skipped > 0) row(resource, pkg).skipped += skipped;
  }
  return [...rows.values()];
}

export function renderSummary(rows: readonly SummaryRow[]): string {
  const total = (f: (r: SummaryRow) => number): number => rows.reduce((n, r) => n + f(r), 0);
  const all: SummaryRow[] = [
    ...rows,
    { resource: 'total', pkg: '', deleted: total((r) => r.deleted), restored: total((r) => r.restored), skipped: total((r) => r.skipped) },
  ];
  const count = (n: number): string => (n === 0 ? '-' : String(n));
  return renderTable(all, [
    { header: 'RESOURCE', value: (r) => r.resource },
    { header: 'PACKAGE', value: (r) => r.pkg },
    { header: 'DELETED', value: (r) => count(r.deleted), align: 'right' },
    { header: 'RESTORED', value: (r) => count(r.restored), align: 'right' },
    { header: 'SKIPPED', value: (r) => count(r.skipped), align: 'right' },
  ]);
}
