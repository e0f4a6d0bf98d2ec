import { describe, expect, it } from 'vitest';
import { goalProgress, metricProgress, milestoneProgress } from './progress.ts';

const m = (start: number, target: number, current: number | null, up = true) =>
  metricProgress({ start, target, current, direction: up ? 'increase' : 'decrease' });

describe('key-result progress', () => {
  it('measures a rising target', () => {
    expect(m(10, 20, 15)).toEqual({ progress: 0.5, clamped: 0.5, reason: 'measured' });
  });

  it('measures a falling target: defects from 100 to 20, now 60, is half way', () => {
    expect(m(100, 20, 60, false).progress).toBe(0.5);
    expect(m(100, 20, 20, false).progress).toBe(1);
  });

  it('shows over-achievement unclamped and clamps it for roll-ups', () => {
    const p = m(0, 100, 130);
    expect(p.progress).toBeCloseTo(1.3);
    expect(p.clamped).toBe(1);
    expect(m(100, 20, 0, false).progress).toBe(1.25);
  });

  it('goes negative when moving the wrong way, clamped to 0', () => {
    const p = m(50, 100, 40);
    expect(p.progress).toBeCloseTo(-0.2);
    expect(p.clamped).toBe(0);
    expect(m(100, 20, 110, false).progress).toBeCloseTo(-0.125);
  });

  it('does not divide by a zero range: done when the target is met in its direction', () => {
    expect(m(95, 95, 97)).toEqual({ progress: 1, clamped: 1, reason: 'zero-range-met' });
    expect(m(95, 95, 94)).toEqual({ progress: 0, clamped: 0, reason: 'zero-range-not-met' });
    expect(m(5, 5, 3, false).reason).toBe('zero-range-met');
    expect(m(5, 5, 6, false).reason).toBe('zero-range-not-met');
  });

  it('reports a missing value as unknown, not as 0', () => {
    expect(m(0, 10, null)).toEqual({ progress: null, clamped: null, reason: 'no-value' });
    expect(m(0, Number.NaN, 3).reason).toBe('not-a-number');
  });
});

describe('binary and milestone goals', () => {
  it('binary goals are 0 or 1 by status', () => {
    expect(goalProgress({ kind: 'binary', status: 'done', metric: null }).progress).toBe(1);
    expect(goalProgress({ kind: 'binary', status: 'active', metric: null }).progress).toBe(0);
  });

  it('milestone goals are the weighted share done', () => {
    const equal = milestoneProgress([
      { done: true, weight: null },
      { done: false, weight: null },
      { done: true, weight: null },
      { done: false, weight: null },
    ]);
    expect(equal.progress).toBe(0.5);
    const weighted = milestoneProgress([
      { done: true, weight: 70 },
      { done: false, weight: 30 },
    ]);
    expect(weighted.progress).toBeCloseTo(0.7);
    expect(
      milestoneProgress([
        { done: true, weight: 1 },
        { done: true, weight: 2 },
      ]).progress,
    ).toBe(1);
    expect(milestoneProgress([]).reason).toBe('no-milestones');
  });

  it('a metric goal without a metric has no progress', () => {
    expect(goalProgress({ kind: 'metric', status: 'active', metric: null }).reason).toBe(
      'no-metric',
    );
  });
});
