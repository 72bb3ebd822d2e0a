// Issue 20: nothing GitHub sends can change the structure of the review report, and the report never states
// fewer deletions than the plan holds. The Markdown is read back with a CommonMark/GFM parser (markdown-it, GFM
// tables, linkify as GitHub autolinks): one table row per planned deletion, each name, tag and time one code span
// that reads back as exactly what GitHub sent, no heading, HTML, link or fence but the report's own, and the title's
// count equal to the plan's. The text report holds no control character but newlines.
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
// markdown-it 15 ships its own ESM types; this test runs as CommonJS, so the token type comes from the parser.
type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];
import { resolveRetentionOptions } from '../../provider/planner/retention-options';
import { describeDeletion, pendingDeletionsOf } from '../../provider/resources/retention-plan-view';
import { renderMarkdown, renderText, reviewFromEngineOutput } from '../../report';
import { unshown } from '../../report/inert-text';
import { HIDDEN_CHARACTERS } from '../../provider/describe-value';
import { ownEntry } from '../../provider/own-entry';
import { HOSTILE_NAMES } from './hostile-names';

const RETENTION = 'pulumi-nodejs:dynamic/github-packages:PackageVersionRetention';
const URN = `urn:pulumi:prod::infra::${RETENTION}::alpine`;

interface Version {
  readonly id: number;
  readonly name: string;
  readonly tags: string[];
  readonly createdAt: string;
}

const options = (() => {
  const { options } = resolveRetentionOptions({ org: 'acme', packageType: 'container', packages: ['*'], olderThan: '14d' });
  return options!;
})();

/** How `pendingDeletions` carries a package's lines: one JSON text (this version), or an object (earlier versions). */
type PendingForm = 'text' | 'object';

/** `pulumi preview --json` output of one policy whose check planned `plan` (package → versions), as the engine writes it. */
function previewJson(
  plan: ReadonlyMap<string, readonly Version[]>,
  warnings: string[] = [],
  diagnostics: string[] = [],
  form: PendingForm = 'text',
): string {
  const rows: Array<readonly [string, number, string]> = [];
  const planSummary: Record<string, { deleting: number }> = {};
  for (const [pkg, versions] of plan) {
    for (const v of versions) rows.push([pkg, v.id, describeDeletion({ package: pkg, ...v, rule: 'olderThan' }, options, true)]);
    ownEntry(planSummary, pkg, () => ({ deleting: versions.length }));
  }
  const earlier: Record<string, Record<string, string>> = {};
  for (const [pkg, id, line] of rows)
    ownEntry(
      ownEntry(earlier, pkg, () => ({})),
      String(id),
      () => line,
    );
  const pendingDeletions = form === 'text' ? pendingDeletionsOf(rows) : earlier;
  return JSON.stringify({
    steps: [
      {
        op: 'create',
        urn: URN,
        newState: { type: RETENTION, inputs: { org: 'acme', packageType: 'container', pendingDeletions, planSummary, planWarnings: warnings } },
      },
    ],
    diagnostics: diagnostics.map((message) => ({ urn: '', message, severity: 'warning' })),
    changeSummary: { create: 1 },
  });
}

const markdownIt = new MarkdownIt({ html: true, linkify: true });

/** Every token, children included. */
function flat(tokens: readonly Token[]): Token[] {
  return tokens.flatMap((t) => [t, ...flat(t.children ?? [])]);
}

interface Row {
  readonly cells: Token[][];
}

/** The body rows of the tables whose header starts with `action` (the lists of changes). */
function changeRows(tokens: readonly Token[]): Row[] {
  const rows: Row[] = [];
  let inChangeTable = false;
  let inBody = false;
  let row: Token[][] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'table_open') inChangeTable = tokens[i + 4]?.type === 'inline' && tokens[i + 4].content === 'action';
    if (t.type === 'tbody_open') inBody = true;
    if (t.type === 'tbody_close') inBody = false;
    if (!inChangeTable || !inBody) continue;
    if (t.type === 'tr_open') row = [];
    if (t.type === 'inline' && row) row.push(t.children ?? []);
    if (t.type === 'tr_close' && row) {
      rows.push({ cells: row });
      row = undefined;
    }
  }
  return rows;
}

/** A cell holding exactly one code span: its text as GitHub sent it. */
function codeValue(cell: readonly Token[]): string | undefined {
  const parts = cell.filter((t) => !(t.type === 'text' && t.content === ''));
  if (parts.map((t) => `${t.type}:${t.content}`).join() === 'em_open:,text:(empty),em_close:') return ''; // what has no characters
  return parts.length === 1 && parts[0].type === 'code_inline' ? unshown(parts[0].content) : undefined;
}

function expectStructure(plan: ReadonlyMap<string, readonly Version[]>, warnings: string[], diagnostics: string[], form: PendingForm = 'text'): void {
  const review = reviewFromEngineOutput(previewJson(plan, warnings, diagnostics, form));
  const markdown = renderMarkdown(review);
  const tokens = markdownIt.parse(markdown, {});
  const all = flat(tokens);
  const total = [...plan.values()].reduce((n, v) => n + v.length, 0);

  // The title states the plan's count.
  const title = tokens[tokens.findIndex((t) => t.type === 'heading_open' && t.tag === 'h2') + 1];
  expect(title.content).toBe(
    `GitHub Packages review: ${total === 0 ? 'nothing to delete or restore' : `${total} deletion${total === 1 ? '' : 's'}`}`,
  );
  expect(all.filter((t) => t.type === 'heading_open' && t.tag === 'h2')).toHaveLength(1);

  // One row per planned deletion, each value in its own cell, reading back exactly.
  const rows = changeRows(tokens);
  expect(rows).toHaveLength(total);
  const expected = [...plan].flatMap(([, versions]) => versions);
  const seen = rows.map((r) => ({
    id: r.cells[1].map((t) => t.content).join(''),
    name: codeValue(r.cells[2]),
    tags: r.cells[3]
      .filter((t) => t.type === 'code_inline' || (t.type === 'text' && t.content === '(empty)'))
      .map((t) => (t.type === 'text' ? '' : unshown(t.content))),
    createdAt: codeValue(r.cells[4]),
  }));
  const byId = new Map(expected.map((v) => [String(v.id), v]));
  for (const s of seen) {
    const v = byId.get(s.id);
    expect(v).toBeDefined();
    expect(s.name).toBe(v!.name);
    if (v!.tags.length > 0) expect(s.tags).toEqual([...v!.tags].sort());
    expect(s.createdAt).toBe(v!.createdAt);
  }
  expect(new Set(seen.map((s) => s.id)).size).toBe(total);

  // Headings: the title, one per package with deletions (its package name one code span), and the warnings.
  const h3 = tokens.filter((t, i) => i > 0 && tokens[i - 1].type === 'heading_open' && tokens[i - 1].tag === 'h3');
  const packageHeadings = h3.filter((t) => t.content !== 'Warnings');
  expect(packageHeadings).toHaveLength([...plan.values()].filter((v) => v.length > 0).length);
  for (const h of packageHeadings)
    expect([...plan.keys()].map((p) => `container/${p}`)).toContain(unshown(h.children!.filter((c) => c.type === 'code_inline')[1].content));
  expect(h3.length - packageHeadings.length).toBe(warnings.length + diagnostics.length > 0 ? 1 : 0);

  // Each warning is one list item; nothing is a link, a fence or HTML but the report's own.
  const items = all.filter((t) => t.type === 'list_item_open').length;
  expect(items).toBe(warnings.length + diagnostics.length);
  expect(all.filter((t) => t.type === 'link_open')).toEqual([]);
  expect(all.filter((t) => t.type === 'fence' || t.type === 'code_block')).toEqual([]);
  const html = all.filter((t) => t.type === 'html_block' || t.type === 'html_inline').map((t) => t.content.trim());
  for (const h of html)
    expect(h).toMatch(/^(<!-- pulumi-github-packages review: infra\/prod -->|<details>|<\/details>|<summary>\d+ versions<\/summary>|<br>)$/);

  // The text report: no control character but its own newlines, nothing hidden.
  const text = renderText(review);
  expect(text.replace(/\n/g, '')).not.toMatch(new RegExp(HIDDEN_CHARACTERS.source, 'u'));
  for (const v of expected) expect(text).toMatch(new RegExp(`\\s${v.id}\\s`));
}

const at = (i: number) => `2026-01-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00Z`;

test("issue 20's names: every deletion has its own row, read back exactly; the count is the plan's", () => {
  const names = ['1.0.0 beta', '1.0.0\tbeta', '1.0.0\u00a0beta', '1.0.0\u2028beta', '1.0.0\nbeta', '1.0.1', '1.0.2', '1.0.3', '1.0.4', '1.0.5'];
  const versions = names.map((name, i) => ({ id: 100 + i, name, tags: [], createdAt: i === 5 ? '2026-01-01 10:00:00 +0000' : at(i) }));
  expectStructure(new Map([['web', versions]]), [], []);
  expect(reviewFromEngineOutput(previewJson(new Map([['web', versions]]))).resources[0].changes).toHaveLength(10);
});

test('a plan as earlier versions wrote it (an object of version id → line per package) reads the same', () => {
  const versions = HOSTILE_NAMES.map((name, i) => ({ id: 300 + i, name, tags: [name], createdAt: at(i) }));
  const plan = new Map([
    ['web', versions],
    ['\r\r## forged\r\r', versions.slice(0, 2).map((v) => ({ ...v, id: v.id + 1000 }))],
  ]);
  expectStructure(plan, [], [], 'object');
  const changes = (form: PendingForm) => reviewFromEngineOutput(previewJson(plan, [], [], form)).resources[0].changes;
  expect(changes('text')).toEqual(changes('object'));
});

test("package names that are an object's own members (valueOf, constructor, __proto__) keep their rows, in both forms", () => {
  // A property run found this (seed -1013737212): the test's own plan builder wrote `valueOf`'s lines into an
  // inherited member, so the engine output it made had no such package. The report reads both forms by own keys.
  const names = ['valueOf', 'constructor', '__proto__', 'toString', 'hasOwnProperty'];
  const plan = new Map(names.map((pkg, p) => [pkg, [1, 2].map((i) => ({ id: 10 * p + i, name: `1.0.${i}`, tags: [], createdAt: at(i) }))]));
  for (const form of ['text', 'object'] as const) {
    expectStructure(plan, [], [], form);
    expect(reviewFromEngineOutput(previewJson(plan, [], [], form)).resources[0].changes.map((c) => c.packageName)).toEqual(
      names.flatMap((n) => [n, n]),
    );
  }
});

test('hostile names, tags, package names and warnings quoting them stay in their cells and items', () => {
  const versions = HOSTILE_NAMES.map((name, i) => ({ id: 200 + i, name, tags: [name, `v${i}`], createdAt: at(i) }));
  const warnings = HOSTILE_NAMES.map((n) => `version ${n} of web is kept`);
  expectStructure(
    new Map([
      ['web', versions],
      ['\r\r## forged\r\r', versions.slice(0, 2).map((v) => ({ ...v, id: v.id + 1000 }))],
    ]),
    warnings,
    ['engine says\r\n## forged <!-- @octocat'],
  );
});

test('property: arbitrary Unicode names, tags, times and package names', () => {
  const text = fc.string({ unit: 'binary', maxLength: 30 });
  const version = fc.record({ name: text, tags: fc.array(text, { maxLength: 3 }), createdAt: text });
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.tuple(text, fc.array(version, { maxLength: 6 })), { maxLength: 3, selector: ([pkg]) => pkg }),
      fc.array(text, { maxLength: 3 }),
      (packages, warnings) => {
        let id = 1;
        const plan = new Map(packages.map(([pkg, versions]) => [pkg, versions.map((v) => ({ ...v, id: id++ }))]));
        expectStructure(plan, warnings, [], id % 2 === 0 ? 'text' : 'object');
      },
    ),
    { numRuns: 300 },
  );
}, 60_000); // 300 runs take about 5 s alone: more on a busy machine

test('a plan the report cannot read in full: every change still counted and listed by id, with a caution (the bin then exits 3: tests/github-actions)', () => {
  const doc = JSON.parse(previewJson(new Map([['web', [{ id: 1, name: '1.0.0', tags: [], createdAt: at(1) }]]]), [], [], 'object')) as {
    steps: Array<{
      newState: { inputs: { pendingDeletions: Record<string, Record<string, string>>; planSummary: Record<string, { deleting: number }> } };
    }>;
  };
  doc.steps[0].newState.inputs.pendingDeletions.web['2'] = 'something this version of the report cannot read';
  doc.steps[0].newState.inputs.planSummary.web.deleting = 3; // and one the list does not hold at all
  const review = reviewFromEngineOutput(JSON.stringify(doc));
  const markdown = renderMarkdown(review);
  expect(markdown).toContain('## GitHub Packages review: 2 deletions');
  expect(markdown).toContain('> This report cannot read 2 planned changes');
  expect(changeRows(markdownIt.parse(markdown, {})).map((r) => r.cells[1].map((t) => t.content).join(''))).toEqual(['1', '2']);
});

test("a package's JSON text the report cannot read in full: rows up to the break by id, the cut row by id, with a caution", () => {
  const doc = JSON.parse(previewJson(new Map([['web', [1, 2, 3].map((id) => ({ id, name: `1.0.${id}`, tags: [], createdAt: at(id) }))]]))) as {
    steps: Array<{ newState: { inputs: { pendingDeletions: Record<string, string[]> } } }>;
  };
  const [text] = doc.steps[0].newState.inputs.pendingDeletions.web;
  doc.steps[0].newState.inputs.pendingDeletions.web = [text.slice(0, -9)];
  const markdown = renderMarkdown(reviewFromEngineOutput(JSON.stringify(doc)));
  expect(markdown).toContain('## GitHub Packages review: 3 deletions');
  expect(markdown).toContain('> This report cannot read');
});
