import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  cycleScale,
  readCycles,
  saveCycle,
  submitReview,
  saveReviewDraft,
  type ReviewView,
  type ScorecardView,
} from '../core-browser.ts';
import { translator } from '../i18n/i18n.ts';
import { defaultCycle } from './cycle-admin.tsx';
import {
  cycleFormProblem,
  finalScore,
  parseTyped,
  ratingEcho,
  submittedReviews,
} from './review-model.ts';

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

  it('accepts a decimal comma in a rating but shows how it was read', () => {
    expect(parseTyped('3,5')).toBe(3.5);
    expect(ratingEcho('3,5')).toBe('3.5');
    expect(ratingEcho(' 3.5 ')).toBeNull();
    expect(ratingEcho('4')).toBeNull();
    expect(ratingEcho('four')).toBeNull();
    expect(translator('en')('review.ratingParsed', { value: '3.5' })).toBe('Read as 3.5');
  });
});

describe('creating and running a cycle', () => {
  const en = translator('en');
  const zh = translator('zh-CN');

  it('requires a name, both dates in order and a chosen scale; the default name is translated', () => {
    const ok = { name: '2026 review', start: '2026-01-01', end: '2026-12-31', scale: 'four-level' };
    expect(cycleFormProblem(ok)).toBeNull();
    expect(cycleFormProblem({ ...ok, name: '  ' })).toBe('review.error.nameRequired');
    expect(cycleFormProblem({ ...ok, start: '' })).toBe('review.error.datesRequired');
    expect(cycleFormProblem({ ...ok, end: '2025-12-31' })).toBe('review.error.datesOrder');
    expect(cycleFormProblem({ ...ok, scale: '' })).toBe('review.error.scaleRequired');
    expect(zh('review.defaultCycleName', { year: 2026 })).toBe('2026 年度评估');
    expect(en('review.defaultCycleName', { year: 2026 })).toBe('2026 review');
  });

  it('a cycle on the 1-4 scale asks reviews on 1-4, with bands and 9-box cuts inside it', () => {
    const doc = new Y.Doc();
    const settings = defaultCycle({
      id: 'c1',
      name: '2026 review',
      start: '2026-01-01',
      end: '2026-12-31',
      unitIds: [],
      scale: 'four-level',
    });
    expect(saveCycle(doc, settings)).toMatchObject({ ok: true });
    const cycle = readCycles(doc).cycles.get('c1');
    expect(cycle).toBeDefined();
    const scale = cycleScale(cycle!);
    expect([scale.min, scale.max]).toEqual([1, 4]);
    expect(cycle!.bands.map((b) => b.from)).toEqual([1, 2.3125, 3.4375]);
    expect(en('review.rating', { min: scale.min, max: scale.max })).toBe('Rating (1–4)');
    // A 5 is refused on that scale; a 3.5 (typed "3,5") is taken.
    const review = new Y.Doc();
    saveReviewDraft(review, { group: 'peers', rating: 5, strengths: '', improvements: '' });
    expect(submitReview(review, scale, '2026-11-20T00:00:00Z')).toMatchObject({
      ok: false,
      reason: 'rating-out-of-scale',
    });
    const typed = parseTyped('3,5');
    saveReviewDraft(review, { group: 'peers', rating: typed, strengths: '', improvements: '' });
    expect(submitReview(review, scale, '2026-11-20T00:00:00Z').ok).toBe(true);
  });

  it('the confirmations name what will happen, in both languages', () => {
    const phase = (t: typeof en) => t('review.phase.calibration');
    expect(en('review.confirmAdvance', { cycle: '2026 review', phase: phase(en) })).toBe(
      'Move “2026 review” to calibration? This cannot be undone.',
    );
    expect(zh('review.confirmAdvance', { cycle: '2026 年度评估', phase: phase(zh) })).toContain(
      '校准',
    );
    expect(en('review.confirmSubmit', { rating: 3.5, min: 1, max: 4 })).toBe(
      'Submit a rating of 3.5 (scale 1–4)? You cannot change this review afterwards.',
    );
    expect(
      en('review.confirmEveryone', {
        name: '2026 review',
        start: '2026-01-01',
        end: '2026-12-31',
        scale: en('review.scale.four-level'),
        count: 311,
      }),
    ).toBe(
      'Create “2026 review” (2026-01-01 – 2026-12-31, rated 1–4 (four levels)) for everyone in the organisation (311 people)?',
    );
  });
});
