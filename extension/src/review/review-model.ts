import {
  cardInput,
  docName,
  readReview,
  Rational,
  scoreCard,
  toScoreValue,
  type ExpectedReview,
  type RaterReview,
  type ReviewView,
  type ScoreBreakdown,
  type ScorecardView,
  type ScoreValue,
} from '../core-browser.ts';

/** Names of the three cycle documents of one person (INTERNALS "Reviews"). */
export function cycleDocNames(org: string, cycle: string, person: string) {
  return {
    scorecard: docName({ kind: 'scorecard', org, cycle, person }),
    feedback: docName({ kind: 'feedback', org, cycle, person }),
    review: (rater: string) => docName({ kind: 'review', org, cycle, person, rater }),
  };
}

/**
 * The submitted reviews among those the viewer could open, as `scoreCard` reads them. Drafts and
 * reviews the server refused are not there: the score is always what the viewer may know.
 */
export function submittedReviews(
  expected: readonly ExpectedReview[],
  views: ReadonlyMap<string, ReviewView>,
): RaterReview[] {
  const out: RaterReview[] = [];
  for (const e of expected) {
    const view = views.get(e.raterId);
    const rating = view?.content?.rating ?? null;
    if (view?.submitted && rating !== null) {
      out.push({ reviewerId: e.raterId, group: e.group, rating, submitted: true });
    }
  }
  return out;
}

/** Reads a review doc into a view (re-exported so components need one import). */
export { readReview };

/** The live score of a card from its snapshot, typed actuals and the visible reviews (C2.5). */
export function liveScore(
  card: ScorecardView,
  reviews: readonly RaterReview[],
): { ok: true; value: ScoreBreakdown } | { ok: false; message: string } | null {
  if (!card.snapshot) return null;
  const actuals = Object.fromEntries([...card.actuals].map(([k, v]) => [k, v.value]));
  const result = scoreCard(cardInput(card.snapshot, actuals, reviews));
  return result.ok ? result : { ok: false, message: result.message };
}

/**
 * The person's final score for calibration and the report: the calibrated score when there is
 * one (C4.1), else the computed one; null when there is neither.
 */
export function finalScore(
  card: ScorecardView,
  breakdown: ScoreBreakdown | null,
): ScoreValue | null {
  if (card.calibrated && card.snapshot) {
    return toScoreValue(Rational.fromNumber(card.calibrated.score), card.snapshot.scale);
  }
  if (breakdown?.final.ok) return breakdown.final.score;
  return null;
}

/** Parses a typed number the way people type them ("4,5" too); null for anything else. */
export function parseTyped(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

/** Now, as the ISO timestamp the cycle documents store. */
export function nowIso(): string {
  return new Date().toISOString();
}

/**
 * How a typed rating was read, when that differs from what was typed ("3,5" is read as "3.5"),
 * so a decimal comma is accepted (as the scorecard's actuals are) but never silently; null when
 * the text is empty, not a number, or already says exactly that.
 */
export function ratingEcho(text: string): string | null {
  const value = parseTyped(text);
  if (value === null) return null;
  const shown = String(value);
  return shown === text.trim() ? null : shown;
}

/** What the "create cycle" form holds before anything is written. */
export interface CycleFormFields {
  name: string;
  start: string;
  end: string;
  /** A preset id, or '' while HR has not chosen one. */
  scale: string;
}

/** Message key of the first thing missing or wrong in the form, or null when it can be saved. */
export function cycleFormProblem(
  fields: CycleFormFields,
):
  | 'review.error.nameRequired'
  | 'review.error.datesRequired'
  | 'review.error.datesOrder'
  | 'review.error.scaleRequired'
  | null {
  const isDay = (d: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(d);
  if (fields.name.trim() === '') return 'review.error.nameRequired';
  if (!isDay(fields.start) || !isDay(fields.end)) return 'review.error.datesRequired';
  if (fields.end < fields.start) return 'review.error.datesOrder';
  if (fields.scale === '') return 'review.error.scaleRequired';
  return null;
}
