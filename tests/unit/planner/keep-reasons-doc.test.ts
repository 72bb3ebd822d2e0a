/**
 * The keep reasons exist once, in provider/planner/plan-types.ts (KEEP_REASON_TEXT); the table in
 * docs/retention-semantics.md ("The account") is rendered from it. Regenerate: KEEP_REASONS_DOC=write npx jest keep-reasons-doc
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { KEEP_REASONS, KEEP_REASON_TEXT } from '../../../provider/planner/plan-types';

const DOC = join(__dirname, '../../../docs/retention-semantics.md');
const START = '<!-- keep-reasons: generated from KEEP_REASON_TEXT (provider/planner/plan-types.ts) -->';
const END = '<!-- /keep-reasons -->';

function table(): string {
  const rows = KEEP_REASONS.map((r) => `| \`${r}\` | ${KEEP_REASON_TEXT[r].heldBack ? 'by name' : 'in `kept`'} | ${KEEP_REASON_TEXT[r].summary} |`);
  return [START, '| reason | in `planSummary` | meaning |', '|---|---|---|', ...rows, END].join('\n');
}

test('docs/retention-semantics.md lists every keep reason in the planner’s words', () => {
  const doc = readFileSync(DOC, 'utf8');
  const from = doc.indexOf(START);
  const to = doc.indexOf(END);
  expect(from).toBeGreaterThanOrEqual(0);
  const current = doc.slice(from, to + END.length);
  if (process.env.KEEP_REASONS_DOC === 'write') writeFileSync(DOC, doc.replace(current, table()));
  else expect(current).toBe(table());
});
