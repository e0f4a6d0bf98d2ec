/**
 * Turning sibling weights into shares. Weights are typed by people ("40, 30, 30") or imported, so
 * they arrive as percentages that should add up to 100 but often do not; the maths here never
 * refuses to compute, it picks a defensible share for every child and says what it did.
 */

/** Why a set of weights was not taken at face value. */
export type WeightIssueCode =
  | 'weight-negative'
  | 'weight-not-finite'
  | 'weights-sum-not-100'
  | 'weights-all-zero'
  | 'weights-leave-nothing';

/** One finding about a set of sibling weights, with the figures a UI needs to explain it. */
export interface WeightIssue {
  code: WeightIssueCode;
  severity: 'error' | 'warning';
  message: string;
  /** The sum of the weights that were given (null ones left out). */
  sum: number;
  /** Positions (in the input order) the finding is about, when it is about some of them. */
  indexes: number[];
}

/** Shares (summing to 1) for the siblings, how they were chosen, and any findings. */
export interface ResolvedWeights {
  shares: number[];
  basis: 'equal' | 'weights' | 'weights-and-remainder';
  sum: number;
  issues: WeightIssue[];
}

/** Sums that differ from 100 by less than this are float noise (33.33 + 33.33 + 33.34), not typos. */
const SUM_TOLERANCE = 1e-9;

function equalShares(n: number): number[] {
  return Array.from({ length: n }, () => 1 / n);
}

function fmt(n: number): string {
  return String(Number(n.toFixed(6)));
}

/**
 * Resolves sibling weights into shares. All null means equal shares. All given means shares in
 * proportion to the weights (a sum other than 100 is flagged with the sum, then normalised). Some
 * given and some null means the null ones share what is left of 100 equally. Negative, non-finite
 * or all-zero weights cannot be used: they are reported as errors and the siblings share equally,
 * so one bad number never hides a whole branch of the tree.
 */
export function resolveWeights(weights: readonly (number | null | undefined)[]): ResolvedWeights {
  const n = weights.length;
  if (n === 0) return { shares: [], basis: 'equal', sum: 0, issues: [] };
  const given = weights.map((w, i) => ({ w, i })).filter((x) => x.w !== null && x.w !== undefined);
  const sum = given.reduce((acc, x) => acc + (Number.isFinite(x.w) ? (x.w as number) : 0), 0);

  const notFinite = given.filter((x) => !Number.isFinite(x.w)).map((x) => x.i);
  const negative = given.filter((x) => Number.isFinite(x.w) && (x.w as number) < 0).map((x) => x.i);
  const errors: WeightIssue[] = [];
  if (notFinite.length > 0) {
    errors.push({
      code: 'weight-not-finite',
      severity: 'error',
      message: `${notFinite.length} weight(s) are not numbers; siblings share equally instead.`,
      sum,
      indexes: notFinite,
    });
  }
  if (negative.length > 0) {
    errors.push({
      code: 'weight-negative',
      severity: 'error',
      message:
        `Weights cannot be negative (${negative.map((i) => fmt(weights[i] as number)).join(', ')}); ` +
        'siblings share equally instead.',
      sum,
      indexes: negative,
    });
  }
  if (errors.length > 0) return { shares: equalShares(n), basis: 'equal', sum, issues: errors };
  if (given.length === 0) return { shares: equalShares(n), basis: 'equal', sum: 0, issues: [] };

  if (given.length === n) {
    if (sum <= 0) {
      return {
        shares: equalShares(n),
        basis: 'equal',
        sum,
        issues: [
          {
            code: 'weights-all-zero',
            severity: 'error',
            message: 'All weights are 0, so nothing would count; siblings share equally instead.',
            sum,
            indexes: given.map((x) => x.i),
          },
        ],
      };
    }
    const issues: WeightIssue[] = [];
    if (Math.abs(sum - 100) > SUM_TOLERANCE) {
      issues.push({
        code: 'weights-sum-not-100',
        severity: 'warning',
        message: `Weights add up to ${fmt(sum)}, not 100; each counts in proportion to the total.`,
        sum,
        indexes: [],
      });
    }
    return { shares: weights.map((w) => (w as number) / sum), basis: 'weights', sum, issues };
  }

  // Mixed: the unweighted siblings share what the weighted ones leave of 100.
  const nullCount = n - given.length;
  const left = Math.max(0, 100 - sum);
  const filled = weights.map((w) => (w === null || w === undefined ? left / nullCount : w));
  const total = filled.reduce((a, b) => a + b, 0);
  const issues: WeightIssue[] = [];
  if (sum - 100 > SUM_TOLERANCE) {
    issues.push({
      code: 'weights-sum-not-100',
      severity: 'warning',
      message: `Weights add up to ${fmt(sum)}, more than 100; each counts in proportion to the total.`,
      sum,
      indexes: [],
    });
  }
  if (left <= SUM_TOLERANCE) {
    const unweighted = weights.flatMap((w, i) => (w === null || w === undefined ? [i] : []));
    issues.push({
      code: 'weights-leave-nothing',
      severity: 'warning',
      message:
        `The given weights already add up to ${fmt(sum)}, so ${unweighted.length} sibling(s) ` +
        'without a weight count for nothing.',
      sum,
      indexes: unweighted,
    });
  }
  if (total <= 0) {
    return { shares: equalShares(n), basis: 'equal', sum, issues };
  }
  return { shares: filled.map((w) => w / total), basis: 'weights-and-remainder', sum, issues };
}
