// `up` reads the reviewed changes of a PackageVersionSet back from the lines the preview showed: every line the
// provider writes must read back as the same change.
import { describeChange, reviewedChanges } from '../../provider/resources/version-set-view';
import type { SetChange } from '../../provider/planner/plan-version-set';

const changes: SetChange[] = [
  { id: 1, name: 'sha256:' + 'a'.repeat(64), tags: ['v1', 'latest'], createdAt: '2026-10-01T12:00:00Z', action: 'delete' },
  { id: 2, name: 'sha256:' + 'b'.repeat(64), tags: [], createdAt: '2026-10-02T12:00:00Z', action: 'delete' },
  { id: 3, name: '1.0.0 beta', tags: [], createdAt: '2026-10-03T12:00:00Z', deletedAt: '2026-11-20T08:00:00Z', action: 'restore' },
];

test.each([true, false])('lines read back as the reviewed changes (tagged package type: %s)', (tagged) => {
  const pending = Object.fromEntries(changes.map((c) => [String(c.id), describeChange(c, tagged)]));
  expect(reviewedChanges(pending)).toEqual(changes);
});

test('an unreadable line fails up before any request, saying to preview again', () => {
  expect(() => reviewedChanges({ '5': 'something else' })).toThrow(/run `pulumi preview` again/);
});
