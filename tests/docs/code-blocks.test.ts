// Every fenced block of README.md and docs/*.md says what it is for (tests/docs/markdown-code-blocks.ts); README's
// links are absolute (npm shows the README without the repository) and every link names a file that exists. The
// TypeScript blocks are compiled and the `run docs-…` programs previewed by code-block-programs.test.ts (engine
// tier); the Quick start's blocks (`run quickstart-…`, `generated quickstart-preview`) are followed by
// quick-start.test.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../scripts/engine/repo-paths';
import { documentationBlocks, documentationFiles, DOCS_PROGRAM, isTypeScript, type CodeBlock } from './markdown-code-blocks';

/** The ids each test owns; a block naming another id, or an id no block names, fails. */
const OWNED_IDS = {
  run: ['quickstart-project', 'quickstart-program', 'quickstart-simulator', 'quickstart-config', 'quickstart-apply'],
  generated: ['quickstart-preview'],
};

const blocks = documentationBlocks();
const where = (b: CodeBlock) => `${b.file}:${b.line}`;

test('every code block says what it is for, and the ids it names are owned by a test', () => {
  expect(blocks.filter((b) => !b.role).map(where)).toEqual([]);
  expect(blocks.filter((b) => (b.role === 'typecheck' || b.role === 'not-run') && (b.detail ?? '').length < 10).map(where)).toEqual([]);
  const unowned = blocks.filter(
    (b) => (b.role === 'run' && !OWNED_IDS.run.includes(b.detail!) && !DOCS_PROGRAM.test(b.detail!)) || (b.role === 'generated' && !OWNED_IDS.generated.includes(b.detail!)),
  );
  expect(unowned.map((b) => `${where(b)} ${b.role} ${b.detail}`)).toEqual([]);
  for (const [role, ids] of Object.entries(OWNED_IDS)) {
    for (const id of ids) expect([id, blocks.filter((b) => b.role === role && b.detail === id).length]).toEqual([id, 1]);
  }
  // Programs are TypeScript, and TypeScript blocks are compiled (run or typecheck).
  expect(blocks.filter((b) => b.role === 'run' && DOCS_PROGRAM.test(b.detail!) && !isTypeScript(b)).map(where)).toEqual([]);
  expect(blocks.filter((b) => isTypeScript(b) && b.role !== 'run' && b.role !== 'typecheck').map(where)).toEqual([]);
});

test("README's links are absolute, and each link into the repository names a file that exists", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { repository?: { url?: string } };
  const repository = /^git\+(https:\/\/github\.com\/[^/]+\/[^/.]+)\.git$/.exec(manifest.repository?.url ?? '')?.[1];
  expect(repository).toBeDefined();
  const readme = fs.readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');
  const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
  expect(links.length).toBeGreaterThan(10);
  expect(links.filter((l) => !/^(https:\/\/|#)/.test(l))).toEqual([]);
  const anchors = new Set([...readme.matchAll(/^#+ (.+)$/gm)].map((m) => m[1].toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')));
  expect(links.filter((l) => l.startsWith('#') && !anchors.has(l.slice(1)))).toEqual([]);
  const own = links.filter((l) => l.startsWith(`${repository}/`));
  expect(own.length).toBeGreaterThan(10);
  const missing = own.filter((l) => {
    const file = /\/blob\/main\/([^#]+)/.exec(l)?.[1];
    return !file || !fs.existsSync(path.join(repoRoot(), file));
  });
  expect(missing).toEqual([]);
});

test('relative links in docs/ and CONTRIBUTING.md name files that exist', () => {
  const pages = [...documentationFiles().filter((f) => f !== 'README.md'), 'CONTRIBUTING.md'];
  const broken = pages.flatMap((page) => {
    const text = fs.readFileSync(path.join(repoRoot(), page), 'utf8');
    return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => m[1].split('#')[0])
      .filter((target) => target && !/^[a-z]+:/.test(target))
      .filter((target) => !fs.existsSync(path.join(repoRoot(), path.dirname(page), target)))
      .map((target) => `${page} → ${target}`);
  });
  expect(broken).toEqual([]);
});
