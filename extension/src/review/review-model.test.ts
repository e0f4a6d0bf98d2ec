import { describe, expect, it } from 'vitest';
import type { ReviewView, ScorecardView } from '../core-browser.ts';
import { finalScore, parseTyped, submittedReviews } from './review-model.ts';

const scale = {
  min: 1,
  max: 5,
  decimals: 2,
  labels: [
    { from: 1, label: 'Low' },
    { from: 3, label: 'Meets' },
  ],
};

describe('review model', () => {
  it('C2.5 only submitted reviews with a rating reach the score', () => {
    const view = (rating: number | null, submitted: boolean): ReviewView => ({
      content: { group: 'peers', rating, strengths: '', improvements: '' },
      submitted: submitted ? { at: '2026-11-20T00:00:00Z' } : null,
      invalid: [],
    });
    const expected = [
      { rateeId: 'p', raterId: 'a', group: 'peers' as const },
      { rateeId: 'p', raterId: 'b', group: 'peers' as const },
      { rateeId: 'p', raterId: 'c', group: 'peers' as const },
    ];
    const views = new Map([
      ['a', view(4, true)],
      ['b', view(2, false)],
    ]);
    expect(submittedReviews(expected, views)).toEqual([
      { reviewerId: 'a', group: 'peers', rating: 4, submitted: true },
    ]);
  });

  it('C4.1 a calibrated score replaces the computed one', () => {
    const card = {
      snapshot: { scale },
      calibrated: { score: 2.995, by: 'm', at: 't', why: 'w' },
    } as unknown as ScorecardView;
    expect(finalScore(card, null)).toMatchObject({ display: '3.00', label: 'Meets' });
    expect(finalScore({ ...card, calibrated: null }, null)).toBeNull();
  });

  it('reads typed numbers with a comma or a point', () => {
    expect(parseTyped(' 4,5 ')).toBe(4.5);
    expect(parseTyped('abc')).toBeNull();
    expect(parseTyped('')).toBeNull();
  });
});
