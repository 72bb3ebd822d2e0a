import { reconcileDeletions, type AttemptedDeletion } from '../../../provider/planner/reconcile-deletions';

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
