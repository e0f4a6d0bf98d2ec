import type * as Y from 'yjs';
import type { ScorecardSnapshot } from '../cycles/snapshot.ts';
import type { FeedbackReport } from '../feedback/feedback-report.ts';
import { FeedbackReport as FeedbackReportSchema } from '../feedback/feedback-report.ts';
import type { Result } from '../model/result.ts';
import { fail, ok } from '../model/result.ts';
import type { RatingScale } from '../scoring/scale.ts';
import {
  AuditEntry,
  REVIEW_DOC_TYPES,
  ReviewContent,
  Stamp,
  ThreadMessage,
  isReviewSubmitted,
  readReview,
  readScorecard,
} from './review-docs.ts';

/** Why a write to a cycle document was refused; tests assert on these. */
export type ReviewDocProblem =
  | 'exists'
  | 'no-snapshot'
  | 'unknown-indicator'
  | 'invalid-value'
  | 'why-required'
  | 'already-submitted'
  | 'not-submitted'
  | 'already-released'
  | 'rating-missing'
  | 'rating-out-of-scale'
  | 'already-acknowledged'
  | 'not-released'
  | 'invalid-input';

/** Who makes a change and when; `why` is needed once a scorecard is submitted (C4.2). */
export interface ChangeContext {
  by: string;
  at: string;
  why?: string;
}

const SC = REVIEW_DOC_TYPES.scorecard;

/**
 * Creates a scorecard from its snapshot (C2.2-C2.3). An existing snapshot is never replaced: a
 * second bulk run, or two HR members running it at once, leaves the first snapshot in place.
 */
export function initScorecard(
  doc: Y.Doc,
  snapshot: ScorecardSnapshot,
): Result<true, ReviewDocProblem> {
  const meta = doc.getMap<unknown>(SC.meta);
  if (meta.get('snapshot') !== undefined) return fail('exists', 'the scorecard already exists');
  meta.set('snapshot', snapshot);
  return ok(true);
}

function audit(doc: Y.Doc, entry: AuditEntry): Result<true, ReviewDocProblem> {
  const parsed = AuditEntry.safeParse(entry);
  if (!parsed.success) return fail('why-required', 'a change after submission needs a reason');
  doc.getArray<unknown>(SC.audit).push([parsed.data]);
  return ok(true);
}

/**
 * Sets one actual figure (C2.4); null clears it. After the scorecard is submitted every change
 * needs a reason and goes into the audit trail with who, when, from and to (C4.2).
 */
export function setActual(
  doc: Y.Doc,
  key: string,
  value: number | null,
  change: ChangeContext & { source?: 'manager' | 'record' },
): Result<true, ReviewDocProblem> {
  const view = readScorecard(doc);
  if (!view.snapshot) return fail('no-snapshot', 'the scorecard has not been created');
  if (!view.snapshot.indicators.some((i) => i.key === key)) {
    return fail('unknown-indicator', `the scorecard has no indicator "${key}"`);
  }
  if (value !== null && !Number.isFinite(value)) return fail('invalid-value', 'not a number');
  const from = view.actuals.get(key)?.value ?? null;
  if (from === value) return ok(true);
  const why = change.why?.trim() ?? '';
  if (view.submitted && why === '') {
    return fail('why-required', 'the scorecard is submitted: say why the figure changes');
  }
  doc.transact(() => {
    doc.getMap<unknown>(SC.actuals).set(key, {
      value,
      by: change.by,
      at: change.at,
      source: change.source ?? 'manager',
    });
    if (view.submitted)
      audit(doc, { by: change.by, at: change.at, field: `actual:${key}`, from, to: value, why });
  });
  return ok(true);
}

/**
 * Marks the scorecard as submitted by the manager (C4.2): later changes are audited. The computed
 * final score of that moment is kept with it, so a calibration list can show every card's score
 * without opening every reviewer's document.
 */
export function submitScorecard(
  doc: Y.Doc,
  stamp: Stamp,
  computedScore: number | null = null,
): Result<true, ReviewDocProblem> {
  const view = readScorecard(doc);
  if (!view.snapshot) return fail('no-snapshot', 'the scorecard has not been created');
  if (view.submitted) return fail('already-submitted', 'the scorecard is already submitted');
  doc.transact(() => {
    const meta = doc.getMap<unknown>(SC.meta);
    meta.set('submitted', stamp);
    if (computedScore !== null) meta.set('computedScore', computedScore);
  });
  return ok(true);
}

/**
 * Replaces the final score in calibration (C4.1): only after submission, within the scale, with a
 * reason; the change goes into the audit trail with the score it replaces (`from`).
 */
export function calibrateScore(
  doc: Y.Doc,
  score: number,
  from: number | null,
  change: ChangeContext,
): Result<true, ReviewDocProblem> {
  const view = readScorecard(doc);
  if (!view.snapshot) return fail('no-snapshot', 'the scorecard has not been created');
  if (!view.submitted) return fail('not-submitted', 'calibrate a submitted scorecard');
  const { min, max } = view.snapshot.scale;
  if (!Number.isFinite(score) || score < min || score > max) {
    return fail('rating-out-of-scale', `the score must lie between ${min} and ${max}`);
  }
  const why = change.why?.trim() ?? '';
  if (why === '') return fail('why-required', 'say why the score changes');
  doc.transact(() => {
    doc.getMap<unknown>(SC.meta).set('calibrated', { score, by: change.by, at: change.at, why });
    audit(doc, { by: change.by, at: change.at, field: 'final', from, to: score, why });
  });
  return ok(true);
}

/** Sets the person's potential for the 9-box (C4.3): a number on the card's scale. */
export function setPotential(doc: Y.Doc, potential: number): Result<true, ReviewDocProblem> {
  const view = readScorecard(doc);
  if (!view.snapshot) return fail('no-snapshot', 'the scorecard has not been created');
  const { min, max } = view.snapshot.scale;
  if (!Number.isFinite(potential) || potential < min || potential > max) {
    return fail('rating-out-of-scale', `the potential must lie between ${min} and ${max}`);
  }
  doc.getMap<unknown>(SC.meta).set('potential', potential);
  return ok(true);
}

/** Saves the manager's edited report (C5.1); refused once a report has been sent. */
export function saveDraftReport(
  doc: Y.Doc,
  report: FeedbackReport,
): Result<true, ReviewDocProblem> {
  if (readScorecard(doc).released) return fail('already-released', 'the report was already sent');
  const parsed = FeedbackReportSchema.safeParse(report);
  if (!parsed.success) return fail('invalid-input', parsed.error.issues[0]?.message ?? 'invalid');
  doc.getMap<unknown>(SC.meta).set('draftReport', parsed.data);
  return ok(true);
}

/**
 * Sends the report (C5.1): stores it as sent and releases the scorecard, which is what opens the
 * scorecard and the feedback thread to the employee. Only a submitted scorecard is released.
 */
export function releaseReport(
  doc: Y.Doc,
  report: FeedbackReport,
  stamp: Stamp,
): Result<true, ReviewDocProblem> {
  const view = readScorecard(doc);
  if (!view.submitted) return fail('not-submitted', 'submit the scorecard before sending');
  if (view.released) return fail('already-released', 'the report was already sent');
  const parsed = FeedbackReportSchema.safeParse(report);
  if (!parsed.success) return fail('invalid-input', parsed.error.issues[0]?.message ?? 'invalid');
  doc.transact(() => {
    const meta = doc.getMap<unknown>(SC.meta);
    meta.set('draftReport', parsed.data);
    meta.set('sentReport', parsed.data);
    meta.set('released', stamp);
  });
  return ok(true);
}

const RV = REVIEW_DOC_TYPES.review.review;

/** Saves the rater's draft (C3.4); refused after submission. */
export function saveReviewDraft(
  doc: Y.Doc,
  content: ReviewContent,
): Result<true, ReviewDocProblem> {
  if (isReviewSubmitted(doc)) return fail('already-submitted', 'the review is submitted');
  const parsed = ReviewContent.safeParse(content);
  if (!parsed.success) return fail('invalid-input', parsed.error.issues[0]?.message ?? 'invalid');
  const map = doc.getMap<unknown>(RV);
  doc.transact(() => {
    for (const [key, value] of Object.entries(parsed.data)) map.set(key, value);
  });
  return ok(true);
}

/**
 * Submits the review (C3.5): it needs a rating within the scale (fractions allowed, as S4.1).
 * From then on the rater's copy is final, and chain and HR may read it.
 */
export function submitReview(
  doc: Y.Doc,
  scale: Pick<RatingScale, 'min' | 'max'>,
  at: string,
): Result<true, ReviewDocProblem> {
  const view = readReview(doc);
  if (view.submitted) return fail('already-submitted', 'the review is already submitted');
  const rating = view.content?.rating ?? null;
  if (rating === null) return fail('rating-missing', 'give a rating before submitting');
  if (rating < scale.min || rating > scale.max) {
    return fail('rating-out-of-scale', `the rating must lie between ${scale.min} and ${scale.max}`);
  }
  doc.getMap<unknown>(RV).set('submitted', { at });
  return ok(true);
}

const FB = REVIEW_DOC_TYPES.feedback;

/** Adds a message to the feedback thread (C5.2). */
export function addThreadMessage(
  doc: Y.Doc,
  message: ThreadMessage,
): Result<true, ReviewDocProblem> {
  const parsed = ThreadMessage.safeParse({ ...message, text: message.text.trim() });
  if (!parsed.success) return fail('invalid-input', parsed.error.issues[0]?.message ?? 'invalid');
  doc.getArray<unknown>(FB.thread).push([parsed.data]);
  return ok(true);
}

/** Records that the employee has read the report (C5.3); once. */
export function acknowledgeFeedback(doc: Y.Doc, stamp: Stamp): Result<true, ReviewDocProblem> {
  const meta = doc.getMap<unknown>(FB.meta);
  if (Stamp.safeParse(meta.get('acknowledged')).success) {
    return fail('already-acknowledged', 'the report is already acknowledged');
  }
  meta.set('acknowledged', stamp);
  return ok(true);
}
