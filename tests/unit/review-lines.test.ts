// The reviewable lines a preview shows (a policy's `pendingDeletions`, a version set's `pendingChanges`) are also
// what `up` and the review report read back: whatever name, tag or time GitHub sends, a line must read back as
// exactly that version, or `up` fails and the report drops the row (issue 20: names with a space, a tab, U+00A0,
// U+2028 or a newline, and a created_at with spaces, could not be read back).
import fc from 'fast-check';
import type { PlannedDeletion } from '../../provider/planner/plan-types';
import type { SetChange } from '../../provider/planner/plan-version-set';
import { resolveRetentionOptions } from '../../provider/planner/retention-options';
import { describeDeletion, parsePendingLine, reviewedDeletions } from '../../provider/resources/retention-plan-view';
import { describeChange, reviewedChanges } from '../../provider/resources/version-set-view';
import { HOSTILE_NAMES } from './hostile-names';

const options = () => {
  const { options } = resolveRetentionOptions({ org: 'acme', packageType: 'container', packages: ['web'], olderThan: '14d' });
  if (!options) throw new Error('options');
  return options;
};

const deletion = (name: string, tags: string[], createdAt = '2026-01-01T00:00:00Z'): PlannedDeletion => ({
  package: 'web',
  id: 7,
  name,
  tags,
  createdAt,
  rule: 'olderThan',
});

describe('a policy line reads back as the version GitHub sent', () => {
  test.each(HOSTILE_NAMES.map((n) => [n]))('name %j', (name) => {
    const line = describeDeletion(deletion(name, [name, 'v1']), options(), true);
    expect(parsePendingLine(line)).toEqual({
      name,
      tags: [name, 'v1'].sort(),
      basis: 'created',
      time: '2026-01-01T00:00:00Z',
      rule: 'olderThan 14d',
    });
  });

  test('a created_at with spaces', () => {
    const line = describeDeletion(deletion('1.0.0', [], '2026-01-01 10:00:00 +0000'), options(), false);
    expect(parsePendingLine(line)).toMatchObject({ name: '1.0.0', time: '2026-01-01 10:00:00 +0000' });
    expect(reviewedDeletions({ web: { '7': line } })).toEqual([{ package: 'web', id: 7, name: '1.0.0', tags: [] }]);
  });

  test('lines as earlier versions wrote them read as before', () => {
    expect(parsePendingLine('sha256:abc [pr-1,v2] created 2026-06-13T11:50:16Z: keepNewestTagged 10 + olderThan 14d')).toEqual({
      name: 'sha256:abc',
      tags: ['pr-1', 'v2'],
      basis: 'created',
      time: '2026-06-13T11:50:16Z',
      rule: 'keepNewestTagged 10 + olderThan 14d',
    });
    expect(parsePendingLine('1.2.0 (untagged) updated 2026-06-13T11:50:16Z: olderThan 14d')).toMatchObject({ name: '1.2.0', basis: 'updated' });
  });

  test('hidden characters never reach the line raw: the CLI shows it as a reviewer can read it', () => {
    for (const name of HOSTILE_NAMES) {
      const line = describeDeletion(deletion(name, []), options(), true);
      expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u00a0\u200b\u2028\u2029\u202e]/);
    }
  });

  test('property: any name, tags and time read back exactly', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 3 }), text, fc.boolean(), (name, tags, time, tagged) => {
        const line = describeDeletion(deletion(name, tags, time), options(), tagged);
        expect(parsePendingLine(line)).toEqual({ name, tags: tagged ? [...tags].sort() : [], basis: 'created', time, rule: 'olderThan 14d' });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('a version-set line reads back as the version GitHub sent', () => {
  test.each(HOSTILE_NAMES.map((n) => [n]))('name %j', (name) => {
    const change: SetChange = { id: 3, name, tags: [name], createdAt: '2026 10 03', deletedAt: '2026-11-20 08:00', action: 'restore' };
    expect(reviewedChanges({ '3': describeChange(change, true) })).toEqual([change]);
  });

  test('property: any name, tags and times read back exactly', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    fc.assert(
      fc.property(
        text,
        fc.array(text, { maxLength: 3 }),
        text,
        fc.option(text, { nil: undefined }),
        fc.constantFrom<SetChange['action']>('delete', 'restore'),
        fc.boolean(),
        (name, tags, createdAt, deletedAt, action, tagged) => {
          const change: SetChange = { id: 9, name, tags, createdAt, action, ...(deletedAt !== undefined ? { deletedAt } : {}) };
          expect(reviewedChanges({ '9': describeChange(change, tagged) })).toEqual([change]);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
