import { describe, expect, it } from 'vitest';
import { SeqTracker } from './seq-tracker.ts';

describe('SeqTracker', () => {
  it('advances through contiguous numbers in any order', () => {
    const t = new SeqTracker(3);
    t.see(5, 0);
    expect(t.through).toBe(3);
    expect(t.highest).toBe(5);
    t.see(4, 1);
    expect(t.through).toBe(5);
    expect(t.gapOlderThan(0, 100)).toBe(false);
  });

  it('ignores numbers already covered', () => {
    const t = new SeqTracker(10);
    t.see(2, 0);
    expect(t.through).toBe(10);
    expect(t.highest).toBe(10);
  });

  it('dates a gap from when it opened and closes it on catch-up', () => {
    const t = new SeqTracker(0);
    t.see(2, 1000);
    t.see(3, 1500);
    expect(t.gapOlderThan(500, 1400)).toBe(false);
    expect(t.gapOlderThan(500, 1500)).toBe(true);
    t.caughtUp(1);
    expect(t.through).toBe(3);
    expect(t.gapOlderThan(0, 9999)).toBe(false);
  });

  it('keeps numbers beyond a catch-up', () => {
    const t = new SeqTracker(0);
    t.see(9, 0);
    t.caughtUp(5);
    expect(t.through).toBe(5);
    expect(t.highest).toBe(9);
    t.see(6, 1);
    t.see(7, 1);
    t.see(8, 1);
    expect(t.through).toBe(9);
  });
});
