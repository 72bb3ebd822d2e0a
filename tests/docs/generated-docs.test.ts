/**
 * Reference pages generated from the code are current: a property added, renamed or re-documented in the
 * retention contract without `npm run docs:generate` fails here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../scripts/engine/repo-paths';
import { IMAGE_CLEANUPS } from '../../provider/planner/retention-options';
import { PROPERTIES_PAGE, renderRetentionProperties, retentionPropertyRows, type PropertyRow } from '../../scripts/docs/retention-properties';

// One compilation of the contract for the file (it takes seconds).
let rows: PropertyRow[];
beforeAll(() => {
  rows = retentionPropertyRows();
}, 120_000);

test(`${PROPERTIES_PAGE} is what the contract's doc comments render (run \`npm run docs:generate\`)`, () => {
  expect(fs.readFileSync(path.join(repoRoot(), PROPERTIES_PAGE), 'utf8')).toBe(renderRetentionProperties(rows));
});

test('the allowed values come from the types: every imageCleanup value, the image graph default', () => {
  const byName = new Map(rows.map((r) => [r.name, r]));
  expect(byName.get('imageCleanup')!.values).toBe(`list of ${IMAGE_CLEANUPS.map((v) => `\`"${v}"\``).join(', ')}`);
  expect(byName.get('imageGraph')!.default).toMatch(/^`registry` for container packages/);
  expect(byName.get('keepNewestVersion')!.values).toBe('boolean');
});
