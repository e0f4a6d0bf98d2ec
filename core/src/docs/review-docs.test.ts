import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cardInput } from '../cycles/card-input.ts';
import { takeSnapshot } from '../cycles/snapshot.ts';
import { testDirectory, testSettings } from '../cycles/testing.ts';
import { buildFeedbackReport } from '../feedback/build-report.ts';
import { scoreCard } from '../scoring/score-card.ts';
import {
  acknowledgeFeedback,
  addThreadMessage,
  calibrateScore,
  initScorecard,
  releaseReport,
  saveDraftReport,
  saveReviewDraft,
  setActual,
  setPotential,
  submitReview,
  submitScorecard,
} from './review-docs-write.ts';
import {
  isReviewSubmitted,
  isScorecardReleased,
  readFeedback,
  readReview,
  readScorecard,
} from './review-docs.ts';

function newCard(): Y.Doc {
  const snap = takeSnapshot(testDirectory(), testSettings(), 'a1', '2026-01-05');
  if (!snap.ok) throw new Error(snap.message);
  const doc = new Y.Doc();
  expect(initScorecard(doc, snap.value).ok).toBe(true);
  return doc;
}

const by = { by: 'm1', at: '2026-11-20T10:00:00.000Z' };
const reason = <T>(r: { ok: true; value: T } | { ok: false; reason: string }): string | null =>
  r.ok ? null : r.reason;

function report(doc: Y.Doc) {
  const view = readScorecard(doc);
  return buildFeedbackReport({
    cycleId: 'fy26',
    cycleName: 'FY26',
    person: { id: 'a1', name: 'A1 Tester' },
    language: 'en',
    today: '2026-12-01',
    score: null,
    indicators: view.snapshot!.indicators,
    actuals: {},
    unitName: 'T1',
    averages: new Map(),
  });
}

describe('scorecard document', () => {
  it('C2.2 a snapshot is never replaced', () => {
    const doc = newCard();
    const snap = readScorecard(doc).snapshot!;
    expect(reason(initScorecard(doc, { ...snap, title: 'Lead' }))).toBe('exists');
    expect(readScorecard(doc).snapshot?.title).toBe('Engineer');
  });

  it('C2.4 actuals only for the snapshot indicators, finite or null, with who and where from', () => {
    const doc = newCard();
    expect(setActual(doc, 'absences', 4, { ...by, source: 'record' }).ok).toBe(true);
    expect(reason(setActual(doc, 'revenue', 4, by))).toBe('unknown-indicator');
    expect(reason(setActual(doc, 'absences', Number.NaN, by))).toBe('invalid-value');
    expect(readScorecard(doc).actuals.get('absences')).toEqual({
      value: 4,
      ...by,
      source: 'record',
    });
    expect(setActual(doc, 'absences', null, by).ok).toBe(true);
    expect(readScorecard(doc).actuals.get('absences')?.value).toBeNull();
    expect(reason(setActual(new Y.Doc(), 'absences', 1, by))).toBe('no-snapshot');
  });

  it('C2.5 cardInput scores the snapshot with scoreCard; missing actuals stay missing', () => {
    const doc = newCard();
    setActual(doc, 'absences', 11, by);
    const view = readScorecard(doc);
    const input = cardInput(view.snapshot!, { absences: 11 }, [
      { reviewerId: 'm1', group: 'manager', rating: 4, submitted: true },
    ]);
    const r = scoreCard(input);
    if (!r.ok) throw new Error(r.message);
    // absences 11 between floor 20 and target 2: 1 + (9/18) * 4 = 3; projects missing.
    expect(r.value.parts.scorecardScore?.exact).toBe('3');
    expect(r.value.indicators[1]?.status).toBe('missing-actual');
    // 0.5 * 3 + 0.5 * 4
    expect(r.value.final.ok && r.value.final.score.exact).toBe('3.5');
  });

  it('C4.2 after submission a change needs a reason and lands in the audit trail', () => {
    const doc = newCard();
    setActual(doc, 'absences', 4, by);
    expect(submitScorecard(doc, by, 3.5).ok).toBe(true);
    expect(readScorecard(doc).computedScore).toBe(3.5);
    expect(reason(submitScorecard(doc, by))).toBe('already-submitted');
    expect(reason(setActual(doc, 'absences', 6, by))).toBe('why-required');
    expect(readScorecard(doc).actuals.get('absences')?.value).toBe(4);
    const at = '2026-11-21T09:00:00.000Z';
    expect(setActual(doc, 'absences', 6, { by: 'hr1', at, why: 'HR system corrected' }).ok).toBe(
      true,
    );
    expect(readScorecard(doc).audit).toEqual([
      { by: 'hr1', at, field: 'actual:absences', from: 4, to: 6, why: 'HR system corrected' },
    ]);
  });

  it('C4.1 calibration needs a submitted card, a score within the scale and a reason', () => {
    const doc = newCard();
    expect(reason(calibrateScore(doc, 3, 3.5, { ...by, why: 'x' }))).toBe('not-submitted');
    submitScorecard(doc, by);
    expect(reason(calibrateScore(doc, 5.01, 3.5, { ...by, why: 'x' }))).toBe('rating-out-of-scale');
    expect(reason(calibrateScore(doc, 3, 3.5, { ...by, why: '  ' }))).toBe('why-required');
    expect(
      calibrateScore(doc, 3.25, 3.5, { ...by, why: 'Calibration meeting: peer level' }).ok,
    ).toBe(true);
    const view = readScorecard(doc);
    expect(view.calibrated?.score).toBe(3.25);
    expect(view.audit.at(-1)).toMatchObject({ field: 'final', from: 3.5, to: 3.25, by: 'm1' });
  });

  it('C4.3 potential is recorded on the card scale', () => {
    const doc = newCard();
    expect(reason(setPotential(doc, 0))).toBe('rating-out-of-scale');
    expect(setPotential(doc, 4.5).ok).toBe(true);
    expect(readScorecard(doc).potential).toBe(4.5);
  });

  it('C5.1 a report is released once, only from a submitted card; drafts freeze after', () => {
    const doc = newCard();
    const r = report(doc);
    expect(saveDraftReport(doc, r).ok).toBe(true);
    expect(reason(releaseReport(doc, r, by))).toBe('not-submitted');
    expect(isScorecardReleased(doc)).toBe(false);
    submitScorecard(doc, by);
    expect(releaseReport(doc, { ...r, body: 'Edited by the manager' }, by).ok).toBe(true);
    expect(isScorecardReleased(doc)).toBe(true);
    expect(readScorecard(doc).sentReport?.body).toBe('Edited by the manager');
    expect(reason(releaseReport(doc, r, by))).toBe('already-released');
    expect(reason(saveDraftReport(doc, r))).toBe('already-released');
  });
});

describe('review document', () => {
  const scale = { min: 1, max: 5 };
  it('C3.4 a draft is saved and read back; C3.5 submission needs a rating in the scale', () => {
    const doc = new Y.Doc();
    const content = { group: 'peers' as const, rating: null, strengths: 'Helps', improvements: '' };
    expect(saveReviewDraft(doc, content).ok).toBe(true);
    expect(reason(submitReview(doc, scale, 't'.repeat(10)))).toBe('rating-missing');
    saveReviewDraft(doc, { ...content, rating: 5.01 });
    expect(reason(submitReview(doc, scale, '2026-11-20T10:00:00Z'))).toBe('rating-out-of-scale');
    saveReviewDraft(doc, { ...content, rating: 4.75 });
    expect(isReviewSubmitted(doc)).toBe(false);
    expect(submitReview(doc, scale, '2026-11-20T10:00:00Z').ok).toBe(true);
    expect(isReviewSubmitted(doc)).toBe(true);
    expect(readReview(doc)).toEqual({
      content: { ...content, rating: 4.75 },
      submitted: { at: '2026-11-20T10:00:00Z' },
      invalid: [],
    });
    expect(reason(saveReviewDraft(doc, { ...content, rating: 1 }))).toBe('already-submitted');
    expect(reason(submitReview(doc, scale, '2026-11-21T10:00:00Z'))).toBe('already-submitted');
  });
});

describe('feedback document', () => {
  it('C5.2 the thread reads in time order whatever order messages arrive in', () => {
    const doc = new Y.Doc();
    addThreadMessage(doc, { id: 'b', authorId: 'a1', at: '2026-12-02T10:00:00Z', text: 'Thanks' });
    addThreadMessage(doc, { id: 'a', authorId: 'm1', at: '2026-12-01T10:00:00Z', text: 'Sent' });
    expect(
      reason(
        addThreadMessage(doc, { id: 'c', authorId: 'a1', at: '2026-12-03T00:00:00Z', text: ' ' }),
      ),
    ).toBe('invalid-input');
    expect(readFeedback(doc).thread.map((m) => m.id)).toEqual(['a', 'b']);
  });

  it('C5.3 acknowledgement is recorded once', () => {
    const doc = new Y.Doc();
    const stamp = { by: 'a1', at: '2026-12-02T10:00:00Z' };
    expect(acknowledgeFeedback(doc, stamp).ok).toBe(true);
    expect(reason(acknowledgeFeedback(doc, { ...stamp, at: '2026-12-03T00:00:00Z' }))).toBe(
      'already-acknowledged',
    );
    expect(readFeedback(doc).acknowledged).toEqual(stamp);
  });
});
