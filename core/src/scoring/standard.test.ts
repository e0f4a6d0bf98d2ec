import { describe, expect, it } from 'vitest';
import type { Direction } from '../model/performance.ts';
import { q } from './rational.ts';
import { FIVE_STAR, FOUR_LEVEL, PERCENT } from './scale.ts';
import type { RatingScale } from './scale.ts';
import { ScoringStandard, applyStandard, checkStandard } from './standard.ts';

function score(
  standard: unknown,
  actual: number,
  direction: Direction = 'increase',
  scale: RatingScale = FIVE_STAR,
): string {
  const s = ScoringStandard.parse(standard);
  expect(checkStandard(s, direction, scale, [])).toEqual([]);
  return applyStandard(s, direction, q(actual), scale).toExact();
}

function problems(standard: unknown, direction: Direction, scale: RatingScale = FIVE_STAR) {
  return checkStandard(ScoringStandard.parse(standard), direction, scale, ['s']).map(
    (i) => `${i.path} ${i.reason}`,
  );
}

describe('scoring standards (S1.3-S1.9)', () => {
  it('S1.4 linear interpolates between floor and target and clamps outside', () => {
    const lin = { kind: 'linear', floor: 50, target: 100 };
    expect(score(lin, 50)).toBe('1');
    expect(score(lin, 75)).toBe('3');
    expect(score(lin, 90)).toBe('4.2');
    expect(score(lin, 100)).toBe('5');
    expect(score(lin, 130)).toBe('5');
    expect(score(lin, 10)).toBe('1');
    expect(score(lin, 60, 'increase', PERCENT)).toBe('20');
  });

  it('S1.4 linear with floorScore and targetScore', () => {
    const lin = { kind: 'linear', floor: 0, target: 10, floorScore: 2, targetScore: 4 };
    expect(score(lin, -5)).toBe('2');
    expect(score(lin, 5)).toBe('3');
    expect(score(lin, 20)).toBe('4');
  });

  it('S1.4 stretch keeps rising beyond the target up to its cap', () => {
    const lin = { kind: 'linear', floor: 80, target: 100, targetScore: 4, stretch: { at: 120 } };
    expect(score(lin, 100)).toBe('4');
    expect(score(lin, 110)).toBe('4.5');
    expect(score(lin, 120)).toBe('5');
    expect(score(lin, 500)).toBe('5');
    expect(score(lin, 90)).toBe('2.5');
  });

  it('S1.4 linear for "lower is better": the floor lies above the target', () => {
    const lin = { kind: 'linear', floor: 10, target: 2 };
    expect(score(lin, 10, 'decrease')).toBe('1');
    expect(score(lin, 6, 'decrease')).toBe('3');
    expect(score(lin, 0, 'decrease')).toBe('5');
    expect(score(lin, 15, 'decrease')).toBe('1');
    const stretch = { kind: 'linear', floor: 10, target: 4, targetScore: 4, stretch: { at: 2 } };
    expect(score(stretch, 3, 'decrease')).toBe('4.5');
  });

  it('S1.5 bands give the score of the most demanding threshold reached', () => {
    const bands = {
      kind: 'bands',
      bands: [
        { threshold: 80, score: 2 },
        { threshold: 90, score: 3 },
        { threshold: 95, score: 4.5 },
      ],
    };
    expect(score(bands, 79.99)).toBe('1');
    expect(score(bands, 80)).toBe('2');
    expect(score(bands, 94.9)).toBe('3');
    expect(score(bands, 100)).toBe('4.5');
    expect(score({ ...bands, otherwise: 1.5 }, 0)).toBe('1.5');
    const late = {
      kind: 'bands',
      bands: [
        { threshold: 5, score: 2 },
        { threshold: 2, score: 4 },
        { threshold: 0, score: 5 },
      ],
    };
    expect(score(late, 6, 'decrease')).toBe('1');
    expect(score(late, 5, 'decrease')).toBe('2');
    expect(score(late, 1, 'decrease')).toBe('4');
    expect(score(late, 0, 'decrease')).toBe('5');
  });

  it('S1.6 ratio to target, capped, scaled from the bottom of the scale', () => {
    const ratio = { kind: 'ratio', target: 200, cap: 1.2, scoreAtTarget: 80 };
    expect(score(ratio, 100, 'increase', PERCENT)).toBe('40');
    expect(score(ratio, 200, 'increase', PERCENT)).toBe('80');
    expect(score(ratio, 240, 'increase', PERCENT)).toBe('96');
    expect(score(ratio, 1000, 'increase', PERCENT)).toBe('96');
    expect(score(ratio, -50, 'increase', PERCENT)).toBe('0');
    expect(score({ kind: 'ratio', target: 4 }, 3)).toBe('4'); // 1 + 0.75 * (5 - 1)
    expect(score({ kind: 'ratio', target: 4, cap: 2 }, 8, 'increase', FOUR_LEVEL)).toBe('4'); // clamped
  });

  it('S1.7 inverse uses target / actual for "lower is better"', () => {
    const inv = { kind: 'inverse', target: 4, cap: 1.5, scoreAtTarget: 80 };
    expect(score(inv, 4, 'decrease', PERCENT)).toBe('80');
    expect(score(inv, 8, 'decrease', PERCENT)).toBe('40');
    expect(score(inv, 2, 'decrease', PERCENT)).toBe('100'); // ratio 2 capped at 1.5 -> 120 -> 100
    expect(score(inv, 0, 'decrease', PERCENT)).toBe('100');
    expect(score({ kind: 'inverse', target: 3 }, 6, 'decrease')).toBe('3');
  });

  it('S1.8 pass/fail follows the direction', () => {
    expect(score({ kind: 'pass-fail', threshold: 1 }, 1)).toBe('5');
    expect(score({ kind: 'pass-fail', threshold: 1 }, 0)).toBe('1');
    expect(
      score({ kind: 'pass-fail', threshold: 0, passScore: 4, failScore: 2 }, 0, 'decrease'),
    ).toBe('4');
    expect(
      score({ kind: 'pass-fail', threshold: 0, passScore: 4, failScore: 2 }, 1, 'decrease'),
    ).toBe('2');
  });

  it('S1.9 refuses a target on the wrong side of the floor for the direction', () => {
    expect(problems({ kind: 'linear', floor: 100, target: 50 }, 'increase')).toEqual([
      's.target standard-direction-mismatch',
    ]);
    expect(problems({ kind: 'linear', floor: 2, target: 10 }, 'decrease')).toEqual([
      's.target standard-direction-mismatch',
    ]);
    expect(problems({ kind: 'linear', floor: 5, target: 5 }, 'increase')).toContain(
      's.target standard-direction-mismatch',
    );
  });

  it('S1.9 refuses a stretch before the target or without room above the target score', () => {
    expect(
      problems(
        { kind: 'linear', floor: 0, target: 10, targetScore: 4, stretch: { at: 5 } },
        'increase',
      ),
    ).toEqual(['s.stretch.at standard-direction-mismatch']);
    expect(
      problems({ kind: 'linear', floor: 0, target: 10, stretch: { at: 15 } }, 'increase'),
    ).toEqual(['s.stretch.score standard-scores-not-rising']);
  });

  it('S1.9 refuses scores outside the scale and falling bands', () => {
    expect(
      problems({ kind: 'linear', floor: 0, target: 1, targetScore: 5.5 }, 'increase'),
    ).toContain('s.targetScore score-outside-scale');
    expect(
      problems(
        {
          kind: 'bands',
          bands: [
            { threshold: 1, score: 4 },
            { threshold: 1, score: 3 },
          ],
        },
        'increase',
      ),
    ).toEqual([
      's.bands[1].threshold standard-direction-mismatch',
      's.bands[1].score standard-scores-not-rising',
    ]);
  });

  it('S1.9 ratio is for "increase" and inverse for "decrease"', () => {
    expect(problems({ kind: 'ratio', target: 1 }, 'decrease')).toEqual([
      's.kind standard-direction-mismatch',
    ]);
    expect(problems({ kind: 'inverse', target: 1 }, 'increase')).toEqual([
      's.kind standard-direction-mismatch',
    ]);
    expect(ScoringStandard.safeParse({ kind: 'ratio', target: 0 }).success).toBe(false);
  });
});
