import { describe, expect, it } from 'vitest';
import { scoreCard } from '../scoring/score-card.ts';
import { cardFrame } from './cycle-settings.ts';
import { scoreCohort, type CohortMember } from './score-cohort.ts';
import { testSettings } from './testing.ts';

/** mulberry32: a small seeded PRNG so a failure can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('scoreCohort', () => {
  const settings = testSettings();
  const frame = cardFrame(settings, settings.templates[1]!.indicators);

  for (const seed of [1, 2, 3, 20260512]) {
    it(`C2.6 every result equals scoreCard of the full card (seed ${seed})`, () => {
      const rand = prng(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
      const members: CohortMember[] = Array.from({ length: 300 }, (_, i) => {
        const id = `p${i}`;
        const reviews: CohortMember['reviews'] = [
          { reviewerId: pick([id, 'm1', 'm2']), group: 'self' as const, rating: pick([3, 4.5]) },
          {
            reviewerId: pick(['m1', 'm2', id]),
            group: 'manager' as const,
            rating: pick([2, 3.75, 6]),
          },
          { reviewerId: pick(['a', 'b']), group: 'peers' as const, rating: pick([3, 4]) },
          {
            reviewerId: pick(['a', 'b', 'c']),
            group: 'peers' as const,
            rating: pick([2, 5]),
            submitted: rand() < 0.8,
          },
        ].slice(0, 1 + Math.floor(rand() * 4));
        return {
          rateeId: id,
          actuals: {
            absences: pick([null, 0, 4, 11, 25, Number.NaN]),
            'special-projects': pick([null, 0, 1, 3]),
            ...(rand() < 0.05 ? { typo: 1 } : {}),
          },
          reviews,
        };
      });
      const got = scoreCohort(frame, members);
      members.forEach((m, i) => {
        const expected = scoreCard({
          ...frame,
          rateeId: m.rateeId,
          actuals: m.actuals,
          raters: { ...frame.raters!, reviews: [...(m.reviews ?? [])] },
        });
        expect(JSON.stringify(got[i]), `seed ${seed}, member ${i}`).toBe(JSON.stringify(expected));
      });
      // The cohort exercised both outcomes.
      expect(got.some((r) => r.ok)).toBe(true);
      expect(got.some((r) => !r.ok)).toBe(true);
    });
  }
});
