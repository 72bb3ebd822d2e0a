// The fenced code blocks of the user documentation (README.md, docs/*.md) and what each one is for, read from the
// annotation on the line before its fence:
//
//   <!-- code-block: run <id> -->             run by the test that owns <id> (tests/docs/), as written
//   <!-- code-block: generated <id> -->       output written by the test that owns <id> (not by hand)
//   <!-- code-block: typecheck — <why> -->    TypeScript compiled as a user's program, not run, and why
//   <!-- code-block: not-run — <why> -->      neither compiled nor run, and why (e.g. needs a GitHub account)
//
// A block without an annotation fails tests/docs/code-blocks.test.ts, so no example is silently left untested.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../scripts/engine/repo-paths';

export type BlockRole = 'run' | 'generated' | 'typecheck' | 'not-run';

export interface CodeBlock {
  /** Repository-relative path of the Markdown file. */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The fence's info string (`ts`, `sh`, `text`, …). */
  readonly lang: string;
  readonly code: string;
  /** The annotation, when the block has one. */
  readonly role?: BlockRole;
  /** `run` and `generated`: the id; `typecheck` and `not-run`: the reason. */
  readonly detail?: string;
  /** Offsets of the block's content in the file (for rewriting a generated block). */
  readonly contentStart: number;
  readonly contentEnd: number;
}

const ANNOTATION = /^<!--\s*code-block:\s*(run|generated|typecheck|not-run)\b\s*(?:—|-)?\s*(.*?)\s*-->\s*$/;

/** The Markdown files whose blocks are user documentation: README.md and docs/ (without the generated API pages). */
/** Pages a test writes whole and checks against what it renders (their blocks are output, not examples): the
 * review report's example (tests/report/report-examples.test.ts, `REVIEW_REPORT=1`). */
const GENERATED_PAGES = new Set(['docs/review-report-example.md']);

export function documentationFiles(): string[] {
  const root = repoRoot();
  const docs = fs
    .readdirSync(path.join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`)
    .filter((f) => !GENERATED_PAGES.has(f));
  return ['README.md', ...docs.sort()];
}

export function codeBlocks(file: string, text: string = fs.readFileSync(path.join(repoRoot(), file), 'utf8')): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = text.split('\n');
  const offsets: number[] = [];
  let at = 0;
  for (const line of lines) {
    offsets.push(at);
    at += line.length + 1;
  }
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const close = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (close < 0) throw new Error(`${file}:${i + 1}: a code fence is never closed`);
    let prev = i - 1;
    while (prev >= 0 && lines[prev].trim() === '') prev--;
    const annotation = prev >= 0 ? ANNOTATION.exec(lines[prev].trim()) : null;
    blocks.push({
      file,
      line: i + 1,
      lang: open[1],
      code: lines.slice(i + 1, close).join('\n'),
      contentStart: offsets[i + 1],
      contentEnd: offsets[close],
      ...(annotation ? { role: annotation[1] as BlockRole, detail: annotation[2] } : {}),
    });
    i = close;
  }
  return blocks;
}

/** Every block of the user documentation. */
export function documentationBlocks(): CodeBlock[] {
  return documentationFiles().flatMap((file) => codeBlocks(file));
}

/** The one block annotated `<role> <id>` (throws when there is none or more than one). */
export function blockById(role: 'run' | 'generated', id: string): CodeBlock {
  const found = documentationBlocks().filter((b) => b.role === role && b.detail === id);
  if (found.length !== 1) throw new Error(`expected one code block annotated "code-block: ${role} ${id}", found ${found.length}`);
  return found[0];
}

/** Replaces a generated block's content in its file (keeps the fences and the annotation). */
export function rewriteBlock(block: CodeBlock, content: string): void {
  const file = path.join(repoRoot(), block.file);
  const text = fs.readFileSync(file, 'utf8');
  const fresh = codeBlocks(block.file, text).find((b) => b.role === block.role && b.detail === block.detail);
  if (!fresh) throw new Error(`${block.file}: the block ${block.detail} disappeared`);
  fs.writeFileSync(file, `${text.slice(0, fresh.contentStart)}${content.replace(/\n*$/, '\n')}${text.slice(fresh.contentEnd)}`);
}

/** `run docs-…` blocks: programs tests/docs/code-block-programs.test.ts previews against the simulator's demo fixture. */
export const DOCS_PROGRAM = /^docs-[a-z0-9-]+$/;

export function isTypeScript(block: CodeBlock): boolean {
  return block.lang === 'ts' || block.lang === 'typescript';
}
