import type { Direction } from '../model/performance.ts';
import { Rational, q } from '../scoring/rational.ts';
import type { UnitAverage } from './unit-averages.ts';

/** How a figure compares with the unit (F1.3). */
export type Verdict = 'strength' | 'gap' | 'in-line' | 'no-comparison';

/** The comparison of one indicator of one person with their unit's average (F1.2-F1.3). */
export interface Comparison {
  key: string;
  label: string;
  unit: string;
  direction: Direction;
  actual: number;
  /** The unit's mean, to two decimals (S0.2); null when there is no comparison. */
  average: string | null;
  /** How many figures the average is over. */
  count: number;
  /** actual - average, to two decimals, signed. */
  difference: string | null;
  /** The difference as a share of |average| in percent, whole number, unsigned; null if 0. */
  percent: string | null;
  /** Whether the figure is above or below the average (not whether that is good). */
  side: 'above' | 'below' | 'equal' | null;
  verdict: Verdict;
}

/** Tuning of the comparison (F1.3). */
export interface CompareOptions {
  /** A difference smaller than this percent of the average is "in line". Default 5. */
  marginPercent?: number;
  /** Fewest figures in the unit before an average is quoted. Default 3. */
  minCount?: number;
}

/** A decimal with at most `decimals` places and no trailing zeros ("4.1", "12", "-0.25"). */
export function shortDecimal(x: Rational, decimals = 2): string {
  const fixed = x.toFixed(decimals);
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

/**
 * Compares a person's figure with the unit's average (F1.2-F1.3). Exact throughout: the verdict
 * never flips because of a rounding of the average.
 */
export function compareToUnit(
  indicator: { key: string; label: string; unit: string; direction: Direction },
  actual: number,
  average: UnitAverage | undefined,
  options: CompareOptions = {},
): Comparison {
  const margin = q(options.marginPercent ?? 5);
  const minCount = options.minCount ?? 3;
  const base = { ...indicator, actual, count: average?.count ?? 0 };
  if (average === undefined || average.count < minCount) {
    return {
      ...base,
      average: null,
      difference: null,
      percent: null,
      side: null,
      verdict: 'no-comparison',
    };
  }
  const diff = q(actual).sub(average.mean);
  const sign = diff.cmp(Rational.ZERO);
  const side = sign > 0 ? 'above' : sign < 0 ? 'below' : 'equal';
  const abs = sign < 0 ? diff.neg() : diff;
  const meanAbs = average.mean.cmp(Rational.ZERO) < 0 ? average.mean.neg() : average.mean;
  const relative = meanAbs.isZero() ? null : (abs.div(meanAbs) as Rational).mul(q(100));
  const better = indicator.direction === 'increase' ? sign > 0 : sign < 0;
  const large = sign !== 0 && (relative === null || relative.cmp(margin) >= 0);
  return {
    ...base,
    average: shortDecimal(average.mean),
    difference: shortDecimal(diff),
    percent: relative === null ? null : relative.toFixed(0),
    side,
    verdict: !large ? 'in-line' : better ? 'strength' : 'gap',
  };
}
