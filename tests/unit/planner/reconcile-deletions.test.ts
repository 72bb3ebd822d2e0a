import { mergeReconciliations, reconcileDeletions, type AttemptedDeletion } from '../../../provider/planner/reconcile-deletions';

const attempt = (id: number, answer: AttemptedDeletion['answer'], pkg = 'web'): AttemptedDeletion => ({ package: pkg, id, name: `v${id}`, answer });

describe('reconcileDeletions: only what the listing after the deletions shows as done counts', () => {
  it('accepted and no longer listed: deleted; 404 and no longer listed: already gone', () => {
    const r = reconcileDeletions([attempt(1, 'accepted'), attempt(2, 'not-found')], new Map([['web', new Set([3])]]));
    expect(r.deleted.map((d) => d.id)).toEqual([1]);
    expect(r.alreadyGone.map((d) => d.id)).toEqual([2]);
    expect(r.missing).toEqual([]);
  });

  it('still listed as active: the effect is missing, whatever GitHub answered', () => {
    const r = reconcileDeletions([attempt(1, 'accepted'), attempt(2, 'not-found')], new Map([['web', new Set([1, 2])]]));
    expect(r.deleted).toEqual([]);
    expect(r.alreadyGone).toEqual([]);
    expect(r.missing).toEqual([
      { ...attempt(1, 'accepted'), reason: 'GitHub accepted the request but the version still reads as active' },
      { ...attempt(2, 'not-found'), reason: expect.stringMatching(/^GitHub answered 404 .* but the version still reads as active/) },
    ]);
  });

  it('a package that could not be listed: its deletions are not counted, and the reason says why', () => {
    const r = reconcileDeletions(
      [attempt(1, 'accepted', 'a'), attempt(2, 'accepted', 'b')],
      new Map([['b', new Set<number>()]]),
      (pkg) => `listing ${pkg} failed`,
    );
    expect(r.deleted.map((d) => d.id)).toEqual([2]);
    expect(r.missing).toEqual([{ ...attempt(1, 'accepted', 'a'), reason: 'not verified: listing a failed' }]);
  });
});

describe('reconcileDeletions: the default reason, and two reconciliations as one', () => {
  it('a package that could not be listed, with no reason given: the reason says its listing failed', () => {
    const r = reconcileDeletions([attempt(1, 'accepted', 'a')], new Map());
    expect(r.missing).toEqual([{ ...attempt(1, 'accepted', 'a'), reason: 'not verified: its package could not be listed to verify it' }]);
  });

  it("an image's roots and its members, reconciled apart, count as one run: every deletion in its own list", () => {
    const roots = reconcileDeletions([attempt(1, 'accepted'), attempt(2, 'not-found')], new Map([['web', new Set<number>()]]));
    const members = reconcileDeletions([attempt(3, 'accepted'), attempt(4, 'accepted'), attempt(5, 'not-found')], new Map([['web', new Set([4])]]));
    const merged = mergeReconciliations(roots, members);
    expect(merged.deleted.map((d) => d.id)).toEqual([1, 3]);
    expect(merged.alreadyGone.map((d) => d.id)).toEqual([2, 5]);
    expect(merged.missing.map((d) => d.id)).toEqual([4]);
    expect(mergeReconciliations(members, roots).missing.map((d) => d.id)).toEqual([4]);
  });
});
