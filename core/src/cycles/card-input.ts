import type { ScorecardInputJson } from '../scoring/input.ts';
import type { RaterReview } from '../scoring/raters.ts';
import type { ScorecardSnapshot } from './snapshot.ts';

/**
 * The `scoreCard` input of a person's scorecard (C2.5): the snapshot's indicators, scale,
 * weights and formula with the typed actuals and the submitted reviews the reader can see. The
 * side panel and `firstline score` both go through `scoreCard`, so a card written out with this
 * function and scored by the CLI gives the panel's numbers to the last decimal.
 */
export function cardInput(
  snapshot: ScorecardSnapshot,
  actuals: Readonly<Record<string, number | null>>,
  reviews: readonly RaterReview[],
): ScorecardInputJson {
  const rated = Object.values(snapshot.groupWeights).some((w) => w !== undefined && w > 0);
  return {
    rateeId: snapshot.personId,
    scale: snapshot.scale,
    indicators: snapshot.indicators,
    actuals: Object.fromEntries(snapshot.indicators.map((i) => [i.key, actuals[i.key] ?? null])),
    ...(rated
      ? {
          raters: {
            groupWeights: snapshot.groupWeights,
            anonymity: snapshot.anonymity,
            reviews: [...reviews],
          },
        }
      : {}),
    ...(snapshot.formula === null ? {} : { formula: snapshot.formula }),
  };
}
