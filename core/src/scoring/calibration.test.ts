import { describe, expect, it } from 'vitest';
import { distributeScores } from './calibration.ts';
import type { Distribution } from './calibration.ts';

const bands = [
  { key: 'low', label: 'Below', from: 1, maxShare: 30 },
  { key: 'mid', label: 'Meets', from: 2.5 },
  { key: 'top', label: 'Exceeds', from: 4, maxShare: 20, minShare: 5 },
];

function dist(scores: number[], b: unknown = bands): Distribution {
  const r = distributeScores({
    bands: b,
    scores: scores.map((score, i) => ({ personId: `p${i}`, score })),
  });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

describe('calibration distribution (S6.1-S6.4)', () => {
  it('S6.2 places each score in the last band whose from is at or below it', () => {
    const d = dist([0.5, 1, 2.49, 2.5, 3.99, 4, 5]);
    expect(d.bands.map((b) => b.people)).toEqual([
      ['p2', 'p1', 'p0'],
      ['p4', 'p3'],
      ['p6', 'p5'],
    ]);
    expect(d.bands.map((b) => b.percent)).toEqual(['42.86', '28.57', '28.57']);
  });

  it('S6.3 says how many to move out of a band over its maximum (floor of the share)', () => {
    // 10 people, 4 in top: at most floor(20% of 10) = 2, move out 2.
    const d = dist([4.9, 4.5, 4.2, 4.0, 3, 3, 3, 3, 3, 3]);
    const top = d.bands[2];
    expect(top).toMatchObject({ count: 4, allowed: 2, moveOut: 2, required: 1, moveIn: 0 });
    // Nearest to the band's lower edge go first.
    expect(top?.moveOutCandidates).toEqual(['p3', 'p2']);
  });

  it('S6.3 rounds the allowed count down and the required count up', () => {
    // 7 people: 20% of 7 = 1.4 -> at most 1; 5% of 7 = 0.35 -> at least 1.
    const d = dist([3, 3, 3, 3, 3, 3, 3]);
    expect(d.bands[2]).toMatchObject({ allowed: 1, required: 1, count: 0, moveIn: 1, moveOut: 0 });
    expect(d.bands[2]?.moveInCandidates).toEqual(['p0']);
  });

  it('S6.4 candidates for moving in are the nearest outside the band', () => {
    const d = dist(
      [3.9, 2, 3.95, 1.2],
      [
        { key: 'low', label: 'Below', from: 1 },
        { key: 'top', label: 'Top', from: 3.5, minShare: 75 },
      ],
    );
    expect(d.bands[1]).toMatchObject({
      count: 2,
      required: 3,
      moveIn: 1,
      moveInCandidates: ['p1'],
    });
  });

  it('S6.3 an empty unit needs no moves', () => {
    const d = dist([]);
    expect(d.total).toBe(0);
    expect(d.bands.every((b) => b.moveIn === 0 && b.moveOut === 0 && b.percent === '0.00')).toBe(
      true,
    );
  });

  it('S6.1 refuses unordered bands and impossible guidance', () => {
    const unordered = distributeScores({ bands: [bands[1], bands[0]], scores: [] });
    expect(!unordered.ok && unordered.reason).toBe('bands-not-ascending');
    const mins = distributeScores({
      bands: [
        { key: 'a', label: 'A', from: 0, minShare: 60 },
        { key: 'b', label: 'B', from: 1, minShare: 50 },
      ],
      scores: [],
    });
    expect(!mins.ok && mins.reason).toBe('guidance-infeasible');
    const shape = distributeScores({
      bands: [{ key: 'a', label: 'A', from: 0, maxShare: 120 }],
      scores: [],
    });
    expect(!shape.ok && shape.message).toMatch(/^bands\[0\]\.maxShare: /);
  });
});
