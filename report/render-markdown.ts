/**
 * The review as Markdown for a pull-request comment or a job summary: totals per resource and package first
 * (always whole), then the warnings (whole: the CLI cuts strings at 150 characters, this does not), then every
 * deletion and restore, in collapsed sections past a few dozen rows. GitHub refuses a comment longer than
 * 65,536 characters (https://docs.github.com/en/rest/issues/comments#create-an-issue-comment answers 422), so
 * the lists stop before that and say how many more there are.
 *
 * Every text the report did not write (names, tags, times, warnings, engine messages) is a code span or code
 * block with hidden characters shown as escapes (inert-text.ts): no name can end a table, add a heading, open a
 * comment or a fence, link, or mention anyone, and `latest` + U+200B does not read as `latest`.
 */
import { codeBlock, codeSpan, prose } from './inert-text';
import { describeHeldBack, NEXT_RUN_REASON } from './resource-properties';
import type { ResourceReview, Review, VersionChange } from './review-model';

export const GITHUB_COMMENT_LIMIT = 65_536;

export interface MarkdownOptions {
  /** Characters the whole report may take (default: GitHub's comment limit). */
  readonly maxChars?: number;
  /** Lists longer than this are collapsed in a `<details>` section (default 30). */
  readonly collapseAfter?: number;
}

/** The first line of every report: workflows find the comment to update in place by it. */
export function reportMarker(review: Review): string {
  return `<!-- pulumi-github-packages review: ${prose(review.project ?? '?')}/${prose(review.stack ?? '?')} -->`;
}

/** Room kept for the "N more not shown" notices. */
const NOTICE_RESERVE = 600;

export function renderMarkdown(review: Review, options: MarkdownOptions = {}): string {
  const maxChars = options.maxChars ?? GITHUB_COMMENT_LIMIT;
  const collapseAfter = options.collapseAfter ?? 30;
  const total = review.resources.reduce((n, r) => n + r.changes.length, 0);

  const head = [...title(review), ...unreadable(review), ...summaryTable(review), ...estimates(review), ...problems(review)];
  let budget = maxChars - NOTICE_RESERVE - length(head);
  const details: string[] = [];
  let shown = 0;
  let cut = false; // once a list does not fit, no later list starts (the notice counts what is left)
  for (const block of detailBlocks(review, collapseAfter)) {
    if (cut) continue;
    const fixed = length(block.open) + length(block.close);
    if (fixed + (block.rows[0]?.length ?? 0) + 1 > budget) {
      cut = true;
      continue;
    }
    budget -= fixed;
    const rows: string[] = [];
    for (const row of block.rows) {
      if (row.length + 1 > budget) {
        cut = true;
        break;
      }
      budget -= row.length + 1;
      rows.push(row);
    }
    shown += block.counts ? rows.length : 0;
    const missing = block.rows.length - rows.length;
    details.push(...block.open, ...rows, ...(missing > 0 ? [block.more(missing)] : []), ...block.close);
  }
  const notice =
    shown < total
      ? [
          `> [!NOTE]`,
          `> This report lists ${shown} of ${total} changes: it is kept within ${maxChars.toLocaleString('en-US')} characters. ` +
            `The totals below are complete; **${total - shown} more** are not listed here. The whole list is the text ` +
            'report of the same input (`github-packages-report --format text`; the example workflows keep it as `report.txt` with the plan).',
          '',
        ]
      : [];
  const out = `${[...head.slice(0, 3), ...notice, ...head.slice(3), ...details].join('\n')}\n`;
  if (out.length <= maxChars) return out;
  // Only when the totals and warnings alone do not fit (thousands of resources or warnings): cut at a line.
  const end = '\n\n**The report is cut here**: it does not fit in a GitHub comment. Read it whole with `--format text`.\n';
  return out.slice(0, out.lastIndexOf('\n', maxChars - end.length)) + end;
}

function title(review: Review): string[] {
  const deletes = count(review, 'delete');
  const restores = count(review, 'restore');
  const failed = review.messages.some((m) => m.severity === 'error');
  const what = failed
    ? 'the preview failed'
    : deletes + restores === 0
      ? 'nothing to delete or restore'
      : [plural(deletes, 'deletion'), plural(restores, 'restore')].filter(Boolean).join(', ');
  const source =
    review.source === 'plan'
      ? 'from the saved plan (`pulumi preview --save-plan`); `pulumi up --plan` deletes and restores these and nothing else'
      : 'from `pulumi preview --json`; `pulumi up` deletes and restores only versions listed here, after re-checking each against GitHub';
  return [
    reportMarker(review),
    `## GitHub Packages review: ${what}`,
    '',
    `Stack ${codeSpan(`${review.project ?? '?'}/${review.stack ?? '?'}`)}, ${source}.`,
    '',
  ];
}

function summaryTable(review: Review): string[] {
  if (review.resources.length === 0) {
    // A failed preview stops before the resource's step: the errors below say why.
    return review.messages.some((m) => m.severity === 'error') ? [] : ['No GitHub Packages resource in this program.', ''];
  }
  const rows: string[] = [];
  for (const r of review.resources) {
    const packages = packagesOf(r);
    if (packages.length === 0) rows.push(row([resourceCell(r), word(r.op), '–', '', '', heldBackText(r, undefined) || noActionText(r), '']));
    for (const pkg of packages) {
      const changes = r.changes.filter((c) => c.packageName === pkg);
      rows.push(
        row([
          resourceCell(r),
          word(r.op),
          codeSpan(`${r.packageType}/${pkg}`, true),
          countCell(changes.filter((c) => c.action === 'delete').length),
          countCell(changes.filter((c) => c.action === 'restore').length),
          heldBackText(r, pkg),
          countCell(r.heldBack[pkg]?.[NEXT_RUN_REASON] ?? 0),
        ]),
      );
    }
  }
  return ['| resource | step | package | delete | restore | held back | next run |', '|---|---|---|--:|--:|---|--:|', ...rows, ''];
}

function estimates(review: Review): string[] {
  const lines = review.resources
    .filter((r) => r.estimate || r.remainingForNextRun > 0)
    .map((r) => {
      const next = r.remainingForNextRun > 0 ? ` **${r.remainingForNextRun}** wait for the next run (maxDeletionsPerRun).` : '';
      return `- ${codeSpan(r.name)}: ${prose(r.estimate ?? '')}.${next}`;
    });
  return lines.length > 0 ? ['**Time**', '', ...lines, ''] : [];
}

function problems(review: Review): string[] {
  const errors = review.messages.filter((m) => m.severity === 'error');
  const lines: string[] = [];
  if (errors.length > 0) {
    lines.push('> [!CAUTION]', '> The preview failed: `pulumi up` will not run this plan.', '');
    for (const e of errors) lines.push(`- **error**${e.resource ? ` ${codeSpan(e.resource)}` : ''}: ${message(e.message)}`);
    lines.push('');
  }
  const warnings = [
    ...review.resources.flatMap((r) => r.warnings.map((w) => `- ${codeSpan(r.name)}: ${message(w)}`)),
    ...review.resources
      .filter((r) => r.unknownProperties.length > 0)
      .map((r) => `- ${codeSpan(r.name)}: not known at preview: ${r.unknownProperties.map((p) => codeSpan(p)).join(', ')}`),
    ...review.messages
      .filter((m) => m.severity === 'warning')
      .map((m) => `- engine${m.resource ? ` ${codeSpan(m.resource)}` : ''}: ${message(m.message)}`),
  ];
  if (warnings.length > 0) lines.push('### Warnings', '', ...warnings, '');
  return lines;
}

interface DetailBlock {
  readonly open: string[];
  readonly rows: string[];
  readonly close: string[];
  /** Whether the rows are changes (counted in "N of M"), rather than lines of image trees. */
  readonly counts: boolean;
  /** The line that stands for rows left out. */
  readonly more: (n: number) => string;
}

function* detailBlocks(review: Review, collapseAfter: number): Generator<DetailBlock> {
  for (const r of review.resources) {
    for (const pkg of packagesOf(r)) {
      const changes = r.changes.filter((c) => c.packageName === pkg);
      if (changes.length === 0) continue;
      const heading = `### ${codeSpan(r.name)}: ${codeSpan(`${r.packageType}/${pkg}`)}, ${actionsText(changes)}`;
      const collapsed = changes.length > collapseAfter;
      const timeHeader = changes.some((c) => c.timeBasis === 'updated') ? 'updated' : 'created';
      const tagged = changes.some((c) => c.tags !== undefined);
      const header = tagged ? `| action | id | name | tags | ${timeHeader} | rule |` : `| action | id | name | ${timeHeader} | rule |`;
      yield {
        open: [
          heading,
          '',
          ...(collapsed ? ['<details>', `<summary>${changes.length} versions</summary>`, ''] : []),
          header,
          tagged ? '|---|--:|---|---|---|---|' : '|---|--:|---|---|---|',
        ],
        rows: changes.map((c) => changeRow(c, tagged)),
        close: ['', ...(collapsed ? ['</details>', ''] : [])],
        counts: true,
        more: (n) => row(['…', '', `**${n} more not shown**`, ...(tagged ? [''] : []), '', '']),
      };
      const images = r.images.filter((i) => i.packageName === pkg);
      if (images.length > 0) {
        const [fenceOpen, ...fenced] = codeBlock(images.flatMap((i) => i.lines));
        const fenceClose = fenced.pop()!;
        yield {
          open: [
            `Images deleted whole (${images.length}), as trees:`,
            '',
            ...(fenced.length > collapseAfter ? ['<details>', `<summary>${images.length} images</summary>`, ''] : []),
            fenceOpen,
          ],
          rows: fenced,
          close: [fenceClose, '', ...(fenced.length > collapseAfter ? ['</details>', ''] : [])],
          counts: false,
          more: (n) => `… ${n} more lines of image trees not shown`,
        };
      }
    }
  }
}

function changeRow(c: VersionChange, tagged: boolean): string {
  const cells = [
    c.action === 'delete' ? 'delete' : '**restore**',
    c.versionId === undefined ? '(package)' : word(c.versionId),
    c.versionName === undefined ? '–' : codeSpan(c.versionName, true),
    ...(tagged ? [c.tags === undefined ? '–' : c.tags.length === 0 ? '(untagged)' : c.tags.map((t) => codeSpan(t, true)).join(' ')] : []),
    c.time === undefined ? '–' : codeSpan(c.time, true),
    codeSpan(c.rule, true),
  ];
  return row(cells);
}

function packagesOf(r: ResourceReview): string[] {
  return [...new Set([...r.changes.map((c) => c.packageName), ...Object.keys(r.heldBack)])];
}

function heldBackText(r: ResourceReview, pkg: string | undefined): string {
  const counts = pkg === undefined ? {} : (r.heldBack[pkg] ?? {});
  return Object.entries(counts)
    .filter(([reason]) => reason !== NEXT_RUN_REASON)
    .map(([reason, n]) => `${n}: ${prose(describeHeldBack(reason))}`)
    .join('; ');
}

function noActionText(r: ResourceReview): string {
  return r.acts ? 'nothing to delete or restore' : `no change: \`up\` makes no call for it`;
}

function resourceCell(r: ResourceReview): string {
  return `${codeSpan(r.name, true)} ${r.kind}`;
}

function actionsText(changes: readonly VersionChange[]): string {
  const d = changes.filter((c) => c.action === 'delete').length;
  const r = changes.length - d;
  return [d ? `${d} to delete` : '', r ? `${r} to restore` : ''].filter(Boolean).join(', ');
}

function count(review: Review, action: VersionChange['action']): number {
  return review.resources.reduce((n, r) => n + r.changes.filter((c) => c.action === action).length, 0);
}

function countCell(n: number): string {
  return n === 0 ? '' : String(n);
}

function plural(n: number, word: string): string {
  return n === 0 ? '' : `${n} ${word}${n === 1 ? '' : 's'}`;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function length(lines: readonly string[]): number {
  return lines.reduce((n, l) => n + l.length + 1, 0);
}

/** An engine step or a version id as it is when it is one (`update`, `1234`), else as a code span. */
function word(text: string): string {
  return /^[a-z0-9][a-z0-9-]*$/.test(text) ? text : codeSpan(text, true);
}

/** A warning or an engine message: its lines (the engine's own line breaks) each a code span. */
function message(text: string): string {
  return text
    .split('\n')
    .map((line) => codeSpan(line.replace(/\r$/, '')))
    .join('<br>');
}

/** A plan the report could not read in full is no review: it says so first, and the bin exits non-zero. */
function unreadable(review: Review): string[] {
  const lines = review.resources.flatMap((r) => r.unreadableLines.map((l) => `- ${codeSpan(r.name)}: ${codeSpan(l)}`));
  if (lines.length === 0) return [];
  return [
    '> [!CAUTION]',
    `> This report cannot read ${lines.length} planned change${lines.length === 1 ? '' : 's'} (listed in the tables by id, and below as the engine wrote them). Do not approve from this report: read the plan with \`pulumi preview\`.`,
    '',
    ...lines,
    '',
  ];
}
