import type { Result } from '../model/result.ts';
import type { ScorecardInputJson } from '../scoring/input.ts';
import type { z } from 'zod';
import type { RaterReview } from '../scoring/raters.ts';
import { scoreCard, type ScoreBreakdown } from '../scoring/score-card.ts';

/** One person of a cohort: their id, figures and reviews; everything else comes from the frame. */
export interface CohortMember {
  rateeId: string;
  actuals: Readonly<Record<string, number | null>>;
  /** As written in a card file: `submitted` may be left out (S4.1). */
  reviews?: readonly z.input<typeof RaterReview>[];
}

/**
 * Scores many people on one card frame (C2.6), for bulk work such as a cycle's calibration list
 * or a benchmark. Each result equals `scoreCard` of that person's full card byte for byte: people
 * whose figures and reviews are the same up to the names of the reviewers get the same breakdown
 * (S4.5, S7.5: it depends only on the input and names no reviewer), so each distinct combination
 * is scored once and shared, with the person's own `rateeId`. A refused card is scored again
 * under its real ids, so its message names the real reviewers.
 */
export function scoreCohort(
  frame: Omit<ScorecardInputJson, 'rateeId' | 'actuals'>,
  members: readonly CohortMember[],
): Result<ScoreBreakdown>[] {
  const keys = (frame.indicators ?? []).map((i) => i.key);
  const cache = new Map<string, Result<ScoreBreakdown>>();
  const withRaters = (reviews: CohortMember['reviews']) =>
    frame.raters === undefined
      ? {}
      : { raters: { ...frame.raters, reviews: [...(reviews ?? [])] } };
  return members.map((m) => {
    const ids = new Map<string, string>([[m.rateeId, 'r']]);
    const canonical = (m.reviews ?? []).map((r) => {
      let id = ids.get(r.reviewerId);
      if (id === undefined) ids.set(r.reviewerId, (id = `x${ids.size}`));
      return { ...r, reviewerId: id };
    });
    // String(): NaN and Infinity must not share a key with null, as JSON would make them.
    const figures = keys.map((k) => {
      const v = m.actuals[k];
      return v === null || v === undefined ? null : String(v);
    });
    const extra = Object.keys(m.actuals).filter((k) => !keys.includes(k));
    const key = JSON.stringify([figures, extra, canonical]);
    let shared = cache.get(key);
    if (shared === undefined) {
      const actuals = { ...m.actuals };
      shared = scoreCard({ ...frame, rateeId: 'r', actuals, ...withRaters(canonical) });
      cache.set(key, shared);
    }
    if (!shared.ok) {
      return scoreCard({
        ...frame,
        rateeId: m.rateeId,
        actuals: m.actuals,
        ...withRaters(m.reviews),
      });
    }
    return { ok: true, value: { ...shared.value, rateeId: m.rateeId } };
  });
}
