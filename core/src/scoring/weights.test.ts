import { describe, expect, it } from 'vitest';
import { checkWeights } from './weights.ts';

describe('indicator weights (S2)', () => {
  it('S2.1 accepts fractional weights and weights below 1', () => {
    const r = checkWeights([33.33, 33.33, 33.34]);
    expect(r.ok && r.value.sum.toExact()).toBe('100');
    const small = checkWeights([0.25, 0.75, 99]);
    expect(small.ok).toBe(true);
    if (small.ok)
      expect(small.value.shares.map((s) => s.toExact())).toEqual(['0.0025', '0.0075', '0.99']);
  });

  it('S2.1 refuses zero, negative and no weights', () => {
    const zero = checkWeights([0, 100]);
    expect(zero.ok).toBe(false);
    if (!zero.ok) {
      expect(zero.reason).toBe('weight-not-positive');
      expect(zero.message).toContain('[0].weight');
    }
    const neg = checkWeights([-10, 110]);
    expect(!neg.ok && neg.reason).toBe('weight-not-positive');
    const none = checkWeights([]);
    expect(!none.ok && none.reason).toBe('weights-empty');
  });

  it('S2.2 refuses weights a hair off 100 and says the sum', () => {
    const r = checkWeights([33.33, 33.33, 33.33]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe('weights-sum-not-100');
      expect(r.message).toContain('99.99');
    }
  });

  it('S2.2 refuses weights over 100 and says the sum', () => {
    const r = checkWeights([50, 50.01]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe('weights-sum-not-100');
      expect(r.message).toContain('100.01');
    }
    expect(checkWeights([60, 60]).ok).toBe(false);
  });

  it('S2.2 accepts sums that round to 100.00 at two decimals, and no others', () => {
    expect(checkWeights([33.333, 33.333, 33.334]).ok).toBe(true);
    expect(checkWeights([100 / 3, 100 / 3, 100 / 3]).ok).toBe(true);
    expect(checkWeights([99.995]).ok).toBe(true);
    expect(checkWeights([100.00499]).ok).toBe(true);
    expect(checkWeights([99.99499]).ok).toBe(false);
    expect(checkWeights([100.005]).ok).toBe(false);
  });

  it('S2.3 shares are each weight over the exact sum', () => {
    const r = checkWeights([33.333, 33.333, 33.333]);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.sum.toExact()).toBe('99.999');
      expect(r.value.shares.map((s) => s.toExact())).toEqual(['1/3', '1/3', '1/3']);
    }
  });
});
