import { describe, expect, it } from 'vitest';
import { FIVE_STAR } from './scale.ts';
import { RaterSection, combineRaters, raterIssues } from './raters.ts';

const weights = { manager: 60, peers: 30, self: 10 };

function section(reviews: unknown[], extra: Record<string, unknown> = {}) {
  return RaterSection.parse({ groupWeights: weights, reviews, ...extra });
}

const peers = (ratings: number[]) =>
  ratings.map((rating, i) => ({ reviewerId: `peer-${i}`, group: 'peers', rating }));

describe('multi-rater combination (S4)', () => {
  it('S4.1 a reviewer cannot be the ratee outside the self group', () => {
    const s = section([{ reviewerId: 'ann', group: 'peers', rating: 4 }]);
    expect(raterIssues(s, 'ann', FIVE_STAR, ['raters'])).toEqual([
      expect.objectContaining({
        path: 'raters.reviews[0].reviewerId',
        reason: 'reviewer-is-ratee',
      }),
    ]);
  });

  it('S4.1 a self review must be written by the ratee', () => {
    const s = section([{ reviewerId: 'bob', group: 'self', rating: 4 }]);
    expect(raterIssues(s, 'ann', FIVE_STAR, []).map((i) => i.reason)).toEqual([
      'self-review-by-other',
    ]);
  });

  it('S4.1 a fractional rating beyond the top of the scale is rejected', () => {
    const s = section([{ reviewerId: 'bob', group: 'manager', rating: 5.01 }]);
    const found = raterIssues(s, 'ann', FIVE_STAR, ['raters']);
    expect(found.map((i) => `${i.path} ${i.reason}`)).toEqual([
      'raters.reviews[0].rating rating-out-of-scale',
    ]);
    expect(found[0]?.message).toContain('5.01');
    const low = section([{ reviewerId: 'bob', group: 'manager', rating: 0.5 }]);
    expect(raterIssues(low, 'ann', FIVE_STAR, []).map((i) => i.reason)).toEqual([
      'rating-out-of-scale',
    ]);
    const fine = section([{ reviewerId: 'bob', group: 'manager', rating: 4.75 }]);
    expect(raterIssues(fine, 'ann', FIVE_STAR, [])).toEqual([]);
  });

  it('S4.1 the same reviewer twice is rejected, and so are weights with nothing above 0', () => {
    const s = section([
      { reviewerId: 'bob', group: 'manager', rating: 4 },
      { reviewerId: 'bob', group: 'peers', rating: 3 },
    ]);
    expect(raterIssues(s, 'ann', FIVE_STAR, []).map((i) => i.reason)).toEqual([
      'duplicate-reviewer',
    ]);
    const zero = RaterSection.parse({ groupWeights: { manager: 0 }, reviews: [] });
    expect(raterIssues(zero, 'ann', FIVE_STAR, []).map((i) => i.reason)).toEqual([
      'group-weights-zero',
    ]);
    expect(RaterSection.safeParse({ groupWeights: { manager: -1 } }).success).toBe(false);
    expect(RaterSection.safeParse({ groupWeights: { boss: 1 } }).success).toBe(false);
  });

  it('S4.2 peers are averaged within the group and drafts do not count', () => {
    const s = section([
      ...peers([3, 4, 4.5]),
      { reviewerId: 'peer-x', group: 'peers', rating: 1, submitted: false },
    ]);
    const peersOut = combineRaters(s).groups.find((g) => g.group === 'peers');
    expect(peersOut?.submitted).toBe(3);
    expect(peersOut?.score?.toExact()).toBe('23/6');
  });

  it('S4.4 combines groups by their weights', () => {
    const s = section([
      { reviewerId: 'ann', group: 'self', rating: 5 },
      { reviewerId: 'boss', group: 'manager', rating: 3 },
      ...peers([4, 4, 4]),
    ]);
    // 0.6 * 3 + 0.3 * 4 + 0.1 * 5 = 3.5
    expect(combineRaters(s).reviewScore?.toExact()).toBe('3.5');
  });

  it('S4.4 a missing group is left out and weights renormalised, never counted as zero', () => {
    const s = section([
      { reviewerId: 'boss', group: 'manager', rating: 3 },
      { reviewerId: 'ann', group: 'self', rating: 5 },
    ]);
    const out = combineRaters(s);
    // manager 60 and self 10 remain: (60 * 3 + 10 * 5) / 70 = 23/7
    expect(out.reviewScore?.toExact()).toBe('23/7');
    const p = out.groups.find((g) => g.group === 'peers');
    expect(p?.status).toBe('no-reviews');
    expect(p?.share).toBeNull();
    expect(out.groups.find((g) => g.group === 'manager')?.share?.toExact()).toBe('6/7');
  });

  it('S4.3 peers below the anonymity threshold are not shown and are treated as missing', () => {
    const s = section([{ reviewerId: 'boss', group: 'manager', rating: 2 }, ...peers([5, 5])]);
    const out = combineRaters(s);
    const p = out.groups.find((g) => g.group === 'peers');
    expect(p).toMatchObject({
      status: 'below-anonymity-threshold',
      submitted: 2,
      score: null,
      share: null,
    });
    expect(out.reviewScore?.toExact()).toBe('2');
    const lower = combineRaters(
      section([{ reviewerId: 'boss', group: 'manager', rating: 2 }, ...peers([5, 5])], {
        anonymity: { peers: 2 },
      }),
    );
    expect(lower.groups.find((g) => g.group === 'peers')?.status).toBe('used');
  });

  it('S4.3 upward reviews have their own threshold', () => {
    const ups = [1, 2].map((i) => ({ reviewerId: `rep-${i}`, group: 'upward', rating: 4 }));
    const out = combineRaters(RaterSection.parse({ groupWeights: { upward: 1 }, reviews: ups }));
    expect(out.groups.find((g) => g.group === 'upward')?.status).toBe('below-anonymity-threshold');
    expect(out.reviewScore).toBeNull();
  });

  it('S4.4 a group with reviews but no weight is reported and does not count', () => {
    const s = section([
      { reviewerId: 'boss', group: 'manager', rating: 2 },
      ...[1, 2, 3].map((i) => ({ reviewerId: `rep-${i}`, group: 'upward', rating: 5 })),
    ]);
    const out = combineRaters(s);
    expect(out.groups.find((g) => g.group === 'upward')).toMatchObject({
      status: 'not-weighted',
      share: null,
    });
    expect(out.reviewScore?.toExact()).toBe('2');
  });

  it('S4.4 no group with a result gives no review score', () => {
    expect(combineRaters(section([])).reviewScore).toBeNull();
  });
});
