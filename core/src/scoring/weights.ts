import type { Result } from '../model/result.ts';
import { fail, ok } from '../model/result.ts';
import { Rational, q, sumR } from './rational.ts';
import type { ScoringIssue } from './issues.ts';
import { describeIssues, issue } from './issues.ts';

/** Why a set of indicator weights was refused (S2). */
export type WeightsReason = 'weights-empty' | 'weight-not-positive' | 'weights-sum-not-100';

/** Accepted weights: their exact sum and each weight's share of it (S2.3). */
export interface WeightCheck {
  sum: Rational;
  /** w_i / sum, exact; these are what scores are multiplied by. */
  shares: Rational[];
}

const HUNDRED = Rational.of(100n);

/**
 * Checks indicator weights (S2.1-S2.2) and answers every problem, each located at
 * `{at}[i].{field}`. Weights below 1 and with many decimals count like any other.
 */
export function weightIssues(
  weights: readonly number[],
  at: readonly PropertyKey[],
  field = 'weight',
): ScoringIssue[] {
  if (weights.length === 0) return [issue(at, 'weights-empty', 'there are no weights to check')];
  const out: ScoringIssue[] = [];
  weights.forEach((w, i) => {
    if (!(Number.isFinite(w) && w > 0)) {
      out.push(
        issue([...at, i, field], 'weight-not-positive', `a weight must be above 0, got ${w}`),
      );
    }
  });
  if (out.length > 0) return out;
  const sum = sumR(weights.map(q));
  if (!sum.round(2).eq(HUNDRED)) {
    const shown = sum.toExact().includes('/') ? sum.toFixed(6) : sum.toExact();
    out.push(issue(at, 'weights-sum-not-100', `weights add to ${shown}, they must add to 100`));
  }
  return out;
}

/**
 * Validates indicator weights on their own (S2), for editors that check while the manager types.
 * On success answers the exact sum and shares; on failure the first problem's reason and a
 * message listing them all.
 */
export function checkWeights(weights: readonly number[]): Result<WeightCheck, WeightsReason> {
  const problems = weightIssues(weights, []);
  const first = problems[0];
  if (first) {
    return fail(first.reason as WeightsReason, describeIssues(problems), { issues: problems });
  }
  const exact = weights.map(q);
  const sum = sumR(exact);
  return ok({ sum, shares: exact.map((w) => w.div(sum) ?? Rational.ZERO) });
}
