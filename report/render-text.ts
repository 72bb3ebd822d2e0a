/**
 * The review as plain text for a terminal or a CI log: per resource, a table of every deletion and restore
 * (nothing cut: a terminal has no size limit), what is held back and why, the time estimate, the warnings whole.
 * Every text the report did not write is `shown` (inert-text.ts): the report holds no control character but the
 * newlines it writes, so `cat report.txt` cannot move the cursor, erase a line or reverse text.
 */
import { shown } from './inert-text';
import { describeHeldBack } from './resource-properties';
import type { ResourceReview, Review, VersionChange } from './review-model';
import { renderTable } from './text-table';

export function renderText(review: Review): string {
  const out: string[] = [
    `GitHub Packages review of ${shown(review.project ?? '?')}/${shown(review.stack ?? '?')} (${review.source === 'plan' ? 'saved plan' : 'preview'})`,
    '',
  ];
  const unreadable = review.resources.reduce((n, r) => n + r.unreadableLines.length, 0);
  if (unreadable > 0)
    out.push(`CAUTION: this report cannot read ${unreadable} planned change(s); do not approve from it (see "unreadable" below).`, '');
  const failed = review.messages.some((m) => m.severity === 'error');
  if (failed) out.push('The preview failed: `pulumi up` will not run this plan.');
  for (const e of review.messages.filter((m) => m.severity === 'error'))
    out.push(`error${e.resource ? ` ${shown(e.resource)}` : ''}: ${messageLines(e.message)}`);
  if (failed) out.push('');
  if (review.resources.length === 0 && !failed) out.push('No GitHub Packages resource in this program.');
  for (const r of review.resources) out.push(...resourceSection(r), '');
  for (const w of review.messages.filter((m) => m.severity === 'warning'))
    out.push(`engine warning${w.resource ? ` ${shown(w.resource)}` : ''}: ${messageLines(w.message)}`);
  return `${out.join('\n').trimEnd()}\n`;
}

function resourceSection(r: ResourceReview): string[] {
  const deletes = r.changes.filter((c) => c.action === 'delete').length;
  const restores = r.changes.length - deletes;
  const what = !r.acts
    ? 'no change: up makes no call for it'
    : [deletes ? `${deletes} to delete` : '', restores ? `${restores} to restore` : ''].filter(Boolean).join(', ') || 'nothing to delete or restore';
  const lines = [`${r.kind} "${shown(r.name)}" (${shown(r.op)}, ${shown(r.owner)}, ${shown(r.packageType)}): ${what}`];
  if (r.changes.length > 0) {
    const tagged = r.changes.some((c) => c.tags !== undefined);
    lines.push(
      renderTable(r.changes, [
        { header: 'ACTION', value: (c) => c.action },
        { header: 'PACKAGE', value: (c) => shown(c.packageName) },
        { header: 'VERSION ID', value: (c) => shown(c.versionId ?? '(package)'), align: 'right' },
        { header: 'NAME', value: (c) => (c.versionName === undefined ? '-' : c.versionName === '' ? '(empty)' : shown(c.versionName)) },
        ...(tagged ? [{ header: 'TAGS', value: tagsOf }] : []),
        { header: r.changes.some((c) => c.timeBasis === 'updated') ? 'UPDATED' : 'CREATED', value: (c) => shown(c.time ?? '-') },
        { header: 'RULE', value: (c) => shown(c.rule) },
      ]),
    );
  }
  for (const image of r.images)
    lines.push(`  image ${shown(image.packageName)} ${shown(image.rootId)}:`, ...image.lines.map((l) => `    ${shown(l)}`));
  for (const [pkg, counts] of Object.entries(r.heldBack)) {
    for (const [reason, n] of Object.entries(counts)) lines.push(`  held back in ${shown(pkg)}: ${n} (${shown(describeHeldBack(reason))})`);
  }
  if (r.remainingForNextRun > 0) lines.push(`  waiting for the next run: ${r.remainingForNextRun} (maxDeletionsPerRun)`);
  if (r.estimate) lines.push(`  time: ${shown(r.estimate)}`);
  if (r.unknownProperties.length > 0) lines.push(`  not known at preview: ${r.unknownProperties.map(shown).join(', ')}`);
  for (const l of r.unreadableLines) lines.push(`  unreadable planned change (as written): ${shown(l)}`);
  for (const w of r.warnings) lines.push(`  warning: ${messageLines(w)}`);
  return lines;
}

/** A message's own line breaks stay (indented); every other hidden character is shown. */
function messageLines(text: string): string {
  return text
    .split('\n')
    .map((l) => shown(l.replace(/\r$/, '')))
    .join('\n    ');
}

function tagsOf(c: VersionChange): string {
  if (c.tags === undefined) return '-';
  return c.tags.length > 0 ? c.tags.map((t) => (t === '' ? '(empty)' : shown(t))).join(',') : '(untagged)';
}
