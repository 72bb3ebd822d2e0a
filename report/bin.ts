#!/usr/bin/env node
/**
 * `github-packages-report [--format markdown|text] [--max-chars N] [--output file] [file | -]`
 *
 * Reads `pulumi preview --json` output or a `pulumi preview --save-plan` file (a path, or stdin when none or `-`)
 * and prints the review: Markdown for a pull-request comment or job summary (default), or a plain-text table.
 * No token and no network: it can run in an untrusted pull-request job. Exit 2 on unusable input; exit 3 (after
 * writing the report, which says so) when the plan holds changes the report cannot read in full.
 */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { GITHUB_COMMENT_LIMIT, renderReview, reviewFromEngineOutput, unreadableCount, type ReportFormat } from './index';

const USAGE = 'usage: github-packages-report [--format markdown|text] [--max-chars N] [--output file] [file | -]';

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'markdown' },
      'max-chars': { type: 'string', default: String(GITHUB_COMMENT_LIMIT) },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const format = values.format as ReportFormat;
  if (format !== 'markdown' && format !== 'text') throw new UsageError(`--format must be markdown or text, got "${values.format}"`);
  const maxChars = Number(values['max-chars']);
  if (!Number.isInteger(maxChars) || maxChars < 2_000)
    throw new UsageError(`--max-chars must be a whole number of at least 2000, got "${values['max-chars']}"`);
  if (positionals.length > 1) throw new UsageError(`one input at most, got ${positionals.length}`);
  const input = positionals[0] ?? '-';
  const text = input === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(input, 'utf8');
  const review = reviewFromEngineOutput(text);
  const report = renderReview(review, format, { maxChars });
  if (values.output) fs.writeFileSync(values.output, report);
  else process.stdout.write(report);
  // The report is written (it says what it could not read), and the step fails: nothing is posted as fine.
  const unreadable = unreadableCount(review);
  if (unreadable > 0) {
    process.stderr.write(`github-packages-report: ${unreadable} planned change(s) could not be read; the report lists them by id and says so\n`);
    return 3;
  }
  return 0;
}

class UsageError extends Error {}

try {
  process.exitCode = main();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`github-packages-report: ${message}${error instanceof UsageError ? `\n${USAGE}` : ''}\n`);
  process.exitCode = 2;
}
