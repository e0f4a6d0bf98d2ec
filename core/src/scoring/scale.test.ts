import { describe, expect, it } from 'vitest';
import { q } from './rational.ts';
import {
  FIVE_STAR,
  FOUR_LEVEL,
  PERCENT,
  RatingScale,
  clampToScale,
  labelFor,
  toScoreValue,
} from './scale.ts';

describe('rating scales (S1.1-S1.3)', () => {
  it('S1.1 the presets are valid scales', () => {
    for (const s of [FIVE_STAR, FOUR_LEVEL, PERCENT])
      expect(RatingScale.safeParse(s).success).toBe(true);
    expect([FIVE_STAR.min, FIVE_STAR.max, FOUR_LEVEL.max, PERCENT.max]).toEqual([1, 5, 4, 100]);
  });

  it('S1.1 refuses an empty range, unordered labels and a first label above the bottom', () => {
    const bad = RatingScale.safeParse({
      min: 5,
      max: 5,
      labels: [
        { from: 6, label: 'x' },
        { from: 5, label: 'y' },
      ],
    });
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['max', 'labels.0.from', 'labels.1.from']));
  });

  it('S1.2 the label follows the displayed value, not the exact one', () => {
    expect(labelFor(q(2.996), FIVE_STAR)).toBe('Meets expectations'); // shown 3.00
    expect(labelFor(q(2.994), FIVE_STAR)).toBe('Needs improvement'); // shown 2.99
    expect(labelFor(q(100), PERCENT)).toBe('Exceeds expectations');
    expect(labelFor(q(3), { ...FIVE_STAR, labels: [] })).toBeNull();
  });

  it('S1.3 clamps into the scale', () => {
    expect(clampToScale(q(7), FIVE_STAR).toExact()).toBe('5');
    expect(clampToScale(q(-1), PERCENT).toExact()).toBe('0');
    expect(clampToScale(q(3.3), FOUR_LEVEL).toExact()).toBe('3.3');
  });

  it('S0.2 a score value carries exact, number, display and label', () => {
    expect(toScoreValue(q(3.375), FIVE_STAR)).toEqual({
      exact: '3.375',
      value: 3.375,
      display: '3.38',
      label: 'Meets expectations',
    });
    expect(toScoreValue(q(87.25), PERCENT).display).toBe('87.3');
  });
});
