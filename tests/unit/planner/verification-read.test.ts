import { verificationRead } from '../../../provider/planner/verification-read';

const ids = (n: number) => Array.from({ length: n }, (_, i) => 1_000_000 - i); // newest first, as GitHub lists

describe('verificationRead: the read-back that costs the fewest primary-limit requests', () => {
  it('a weekly run (10 oldest of 10,000): the listing, whose only changed page is the last', () => {
    const listed = ids(10_000);
    expect(verificationRead(listed, listed.slice(-10))).toEqual({ read: 'listing', listingCost: 1, versionsCost: 10 });
  });

  it('a first clean-up (990 oldest of 1,000): the listing, one page left', () => {
    const listed = ids(1000);
    expect(verificationRead(listed, listed.slice(10))).toEqual({ read: 'listing', listingCost: 1, versionsCost: 990 });
  });

  it('a few versions near the top of a large package: one GET each', () => {
    const listed = ids(10_000);
    expect(verificationRead(listed, [listed[5], listed[250]])).toEqual({ read: 'versions', listingCost: 100, versionsCost: 2 });
  });

  it('within ceil(N/100) + 1 for any N oldest versions', () => {
    const listed = ids(5000);
    for (const n of [1, 2, 99, 100, 101, 450, 4999]) {
      const r = verificationRead(listed, listed.slice(-n));
      expect(Math.min(r.listingCost, r.versionsCost)).toBeLessThanOrEqual(Math.ceil(n / 100) + 1);
    }
  });

  it('an id the listing did not hold prices the listing whole; a tie goes to the listing', () => {
    const listed = ids(300);
    expect(verificationRead(listed, [42])).toEqual({ read: 'versions', listingCost: 3, versionsCost: 1 });
    expect(verificationRead(ids(50), [ids(50)[0]])).toEqual({ read: 'listing', listingCost: 1, versionsCost: 1 });
  });

  it('ids the listing did not hold are not counted as leaving it', () => {
    // 201 listed, one unknown id deleted: 201 remain, three pages (not two).
    expect(verificationRead(ids(201), [42])).toEqual({ read: 'versions', listingCost: 3, versionsCost: 1 });
  });

  it('one unknown id among known ones prices the whole listing', () => {
    const listed = ids(1000);
    expect(verificationRead(listed, [listed[950], 42])).toEqual({ read: 'versions', listingCost: 10, versionsCost: 2 });
  });
});
