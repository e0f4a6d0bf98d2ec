import type { Rational } from '../scoring/rational.ts';
import { q } from '../scoring/rational.ts';

/** The average of one indicator over the people of one unit (F1.1). */
export interface UnitAverage {
  /** How many people of the unit have a figure for the indicator. */
  count: number;
  /** The exact mean (S0.1): a mean of decimals is a fraction, rounded only when shown. */
  mean: Rational;
}

/** One person's figures, grouped under the unit they are compared with. */
export interface FigureRow {
  unitId: string;
  figures: Readonly<Record<string, number | null | undefined>>;
}

/**
 * Each unit's average of each indicator (F1.1): the exact mean over the rows of the unit that
 * have a finite figure for it. A missing figure is left out, never counted as 0.
 */
export function unitAverages(rows: Iterable<FigureRow>): Map<string, Map<string, UnitAverage>> {
  const sums = new Map<string, Map<string, { sum: Rational; count: number }>>();
  for (const row of rows) {
    let unit = sums.get(row.unitId);
    if (!unit) {
      unit = new Map();
      sums.set(row.unitId, unit);
    }
    for (const [key, value] of Object.entries(row.figures)) {
      if (value === null || value === undefined || !Number.isFinite(value)) continue;
      const acc = unit.get(key);
      if (acc) {
        acc.sum = acc.sum.add(q(value));
        acc.count += 1;
      } else unit.set(key, { sum: q(value), count: 1 });
    }
  }
  const out = new Map<string, Map<string, UnitAverage>>();
  for (const [unitId, keys] of sums) {
    const averages = new Map<string, UnitAverage>();
    for (const [key, { sum, count }] of keys) {
      averages.set(key, { count, mean: sum.div(q(count)) as Rational });
    }
    out.set(unitId, averages);
  }
  return out;
}
