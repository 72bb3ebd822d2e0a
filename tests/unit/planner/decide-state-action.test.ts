// PackageVersion and Package: what `up` must do for the desired state, and what GitHub is known to refuse (the
// preview fails with it instead of `up` failing halfway).
import { decidePackageAction, decideVersionAction, type PackageFacts } from '../../../provider/planner/decide-state-action';

const NOW = new Date('2026-06-01T12:00:00Z');
const DAY = 86_400_000;
const deletedDaysAgo = (days: number, extraMs = 0) => new Date(NOW.getTime() - days * DAY + extraMs).toISOString();
const npm = (activeVersionCount: number): PackageFacts => ({ packageType: 'npm', activeVersionCount });
const container = (activeVersionCount: number, activeTaggedVersionCount?: number): PackageFacts => ({
  packageType: 'container',
  activeVersionCount,
  ...(activeTaggedVersionCount === undefined ? {} : { activeTaggedVersionCount }),
});

describe('decideVersionAction: a version already in the desired state needs nothing', () => {
  it.each(['active', 'deleted'] as const)('wanted %s and already so: nothing to do', (state) => {
    expect(decideVersionAction(state, { state, tags: [] }, npm(1), NOW)).toEqual({ action: 'none' });
  });
});

describe("decideVersionAction: restore within GitHub's 30-day window", () => {
  it('restored while the window is open, to the last millisecond', () => {
    const deletedAt = deletedDaysAgo(30, 1);
    expect(decideVersionAction('active', { state: 'deleted', deletedAt, tags: [] }, npm(1), NOW)).toEqual({ action: 'restore' });
    expect(decideVersionAction('active', { state: 'deleted', deletedAt: deletedDaysAgo(1), tags: [] }, npm(1), NOW)).toEqual({ action: 'restore' });
  });

  it('refused once the window has closed (exactly 30 days after the deletion), saying when it closed and what to do', () => {
    const deletedAt = deletedDaysAgo(30);
    const decision = decideVersionAction('active', { state: 'deleted', deletedAt, tags: [] }, npm(1), NOW);
    expect(decision).toEqual({
      action: 'restore',
      refusal: {
        code: 'restore-window-closed',
        closedAt: NOW.toISOString(),
        message: expect.stringContaining(`This version was deleted at ${deletedAt}; GitHub's 30-day restore window closed at ${NOW.toISOString()}`),
      },
    });
    expect(decision.refusal?.message).toMatch(/Publish it again, or set state to "deleted"/);
  });

  it('an unknown or unreadable deletion time is not refused in advance (GitHub decides)', () => {
    expect(decideVersionAction('active', { state: 'deleted', tags: [] }, npm(1), NOW)).toEqual({ action: 'restore' });
    expect(decideVersionAction('active', { state: 'deleted', deletedAt: 'yesterday', tags: [] }, npm(1), NOW)).toEqual({ action: 'restore' });
  });
});

describe("decideVersionAction: GitHub refuses to delete a package's last version", () => {
  it('the only active version: refused, pointing at Package', () => {
    const decision = decideVersionAction('deleted', { state: 'active', tags: [] }, npm(1), NOW);
    expect(decision).toEqual({
      action: 'delete',
      refusal: { code: 'last-version', message: expect.stringContaining('last version of the package') },
    });
    expect(decision.refusal?.message).toMatch(/new Package\(\.\.\., \{ state: "deleted" \}\)/);
  });

  it('one of two active versions: deleted', () => {
    expect(decideVersionAction('deleted', { state: 'active', tags: [] }, npm(2), NOW)).toEqual({ action: 'delete' });
  });
});

describe("decideVersionAction: GitHub refuses to delete a container package's last tagged version", () => {
  it('the only tagged version of a container package: refused', () => {
    const decision = decideVersionAction('deleted', { state: 'active', tags: ['v1'] }, container(5, 1), NOW);
    expect(decision).toEqual({
      action: 'delete',
      refusal: { code: 'last-tagged-version', message: expect.stringContaining('last tagged version of the container package') },
    });
  });

  it('one of two tagged versions, an untagged version, an unknown tagged count, or another package type: deleted', () => {
    expect(decideVersionAction('deleted', { state: 'active', tags: ['v1'] }, container(5, 2), NOW)).toEqual({ action: 'delete' });
    expect(decideVersionAction('deleted', { state: 'active', tags: [] }, container(5, 1), NOW)).toEqual({ action: 'delete' });
    expect(decideVersionAction('deleted', { state: 'active', tags: ['v1'] }, container(5), NOW)).toEqual({ action: 'delete' });
    expect(
      decideVersionAction(
        'deleted',
        { state: 'active', tags: ['v1'] },
        { packageType: 'docker', activeVersionCount: 5, activeTaggedVersionCount: 1 },
        NOW,
      ),
    ).toEqual({ action: 'delete' });
  });
});

describe('decidePackageAction', () => {
  it('nothing to do in the desired state; deleting an active package is always possible', () => {
    expect(decidePackageAction('active', { state: 'active' }, NOW)).toEqual({ action: 'none' });
    expect(decidePackageAction('deleted', { state: 'deleted' }, NOW)).toEqual({ action: 'none' });
    expect(decidePackageAction('deleted', { state: 'active' }, NOW)).toEqual({ action: 'delete' });
  });

  it('restored within 30 days of its deletion, refused after', () => {
    expect(decidePackageAction('active', { state: 'deleted', deletedAt: deletedDaysAgo(30, 1) }, NOW)).toEqual({ action: 'restore' });
    expect(decidePackageAction('active', { state: 'deleted' }, NOW)).toEqual({ action: 'restore' });
    const closed = decidePackageAction('active', { state: 'deleted', deletedAt: deletedDaysAgo(31) }, NOW);
    expect(closed).toMatchObject({
      action: 'restore',
      refusal: { code: 'restore-window-closed', closedAt: new Date(NOW.getTime() - DAY).toISOString() },
    });
    expect(closed.refusal?.message).toMatch(/^This package was deleted at /);
  });
});
