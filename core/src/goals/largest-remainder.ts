import { fail, ok, type Result } from '../model/result.ts';
import { showNumber, type WorkingStep } from './working-step.ts';

/**
 * Splitting a whole into rounded parts without losing or inventing any of it. Rounding each part on
 * its own ("1000 over 3 months = 333.33 each") leaves the parts summing to 999.99; the
 * largest-remainder method rounds every part down, then hands the few left-over units to the parts
 * that lost the most. The maths runs on BigInt units so the sum is exact, not merely close.
 */

/** Why a split cannot be made as asked. */
export type SplitFailure =
  | 'no-parts'
  | 'bad-decimals'
  | 'bad-total'
  | 'total-not-representable'
  | 'bad-weight'
  | 'weights-all-zero'
  | 'too-large';

/** A whole split into parts whose rounded values add back to the whole exactly. */
export interface Allocation {
  /** The parts, in input order, each rounded to `decimals`. */
  parts: number[];
  /**
   * The parts in units of 10^-decimals (integers). These add up to `totalUnits` exactly; use them
   * to check or re-add parts, since adding the decimal `parts` as floats can show noise (0.1 + 0.2).
   */
  partUnits: number[];
  totalUnits: number;
  /** Each part's exact, unrounded value. */
  exact: number[];
  /** Positions that received one extra unit from the remainder, in the order they got it. */
  extraUnitTo: number[];
  decimals: number;
  steps: WorkingStep[];
}

/** Decimal places a weight needs to be an exact integer after scaling (capped: see toUnits). */
function decimalsOf(value: number): number {
  const text = String(value);
  const exp = /e-(\d+)$/.exec(text);
  const [, frac = ''] = text.replace(/e.*$/, '').split('.');
  return frac.length + (exp ? Number(exp[1]) : 0);
}

/** Weights scaled to BigInt integers with a common factor; tiny digits past 12 places are dropped. */
function weightsToUnits(weights: readonly number[]): bigint[] {
  let scale = Math.min(12, Math.max(0, ...weights.map(decimalsOf)));
  while (scale > 0 && weights.some((w) => !Number.isSafeInteger(Math.round(w * 10 ** scale)))) {
    scale -= 1;
  }
  return weights.map((w) =>
    Number.isSafeInteger(Math.round(w * 10 ** scale))
      ? BigInt(Math.round(w * 10 ** scale))
      : BigInt(Math.round(w)),
  );
}

/**
 * Splits `total` over parts in proportion to `weights`, rounding to `decimals` places with the
 * largest-remainder method. Ties in the remainder go to the bigger weight, then to the earlier part,
 * so the same input always gives the same split. A negative total is split as its size and the
 * parts negated. The total must already have at most `decimals` places: rounding it would lose or
 * invent quantity, so that is refused with `total-not-representable`.
 *
 * @param labels Names used in the steps ("Jan", "Team A"); defaults to "part 1", "part 2"...
 */
export function allocateLargestRemainder(
  total: number,
  weights: readonly number[],
  decimals: number,
  labels: readonly string[] = [],
): Result<Allocation, SplitFailure> {
  const n = weights.length;
  if (n === 0) return fail('no-parts', 'There is nothing to split over: give at least one part.');
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 9) {
    return fail(
      'bad-decimals',
      `Decimal places must be a whole number from 0 to 9, not ${decimals}.`,
    );
  }
  if (!Number.isFinite(total)) return fail('bad-total', 'The total to split is not a number.');
  if (weights.some((w) => !Number.isFinite(w) || w < 0)) {
    return fail('bad-weight', 'Every share must be a number of 0 or more.', {
      indexes: weights.flatMap((w, i) => (!Number.isFinite(w) || w < 0 ? [i] : [])),
    });
  }
  const factor = 10 ** decimals;
  const scaled = Math.abs(total) * factor;
  const roundedUnits = Math.round(scaled);
  if (!Number.isSafeInteger(roundedUnits)) {
    return fail(
      'too-large',
      `${showNumber(total)} is too large to split at ${decimals} decimal places.`,
    );
  }
  // A couple of ulps of slack: 1234.56 * 100 is 123455.99999999999 in floats, yet exact in decimal.
  if (Math.abs(scaled - roundedUnits) > scaled * 2 * Number.EPSILON + 1e-9) {
    return fail(
      'total-not-representable',
      `${showNumber(total, 12)} has more than ${decimals} decimal place(s); rounding it would change ` +
        'the total, so round it first or allow more decimal places.',
    );
  }
  const sign = total < 0 ? -1 : 1;
  const w = weightsToUnits(weights);
  const weightSum = w.reduce((a, b) => a + b, 0n);
  if (weightSum === 0n) {
    return fail('weights-all-zero', 'All shares are 0, so there is no way to divide the total.');
  }
  const units = BigInt(roundedUnits);
  const floors = w.map((wi) => (units * wi) / weightSum);
  const remainders = w.map((wi) => (units * wi) % weightSum);
  const floorSum = floors.reduce((a, b) => a + b, 0n);
  const leftOver = Number(units - floorSum);
  const order = w
    .map((_, i) => i)
    .sort((a, b) => {
      const ra = remainders[a] as bigint;
      const rb = remainders[b] as bigint;
      if (ra !== rb) return ra > rb ? -1 : 1;
      const wa = w[a] as bigint;
      const wb = w[b] as bigint;
      if (wa !== wb) return wa > wb ? -1 : 1;
      return a - b;
    });
  const extraUnitTo = order.slice(0, leftOver);
  const gotExtra = new Set(extraUnitTo);
  const partUnitsAbs = floors.map((f, i) => Number(f) + (gotExtra.has(i) ? 1 : 0));
  const partUnits = partUnitsAbs.map((u) => (u === 0 ? 0 : sign * u));
  const parts = partUnits.map((u) => u / factor);
  const weightTotal = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((wi) => (total * wi) / weightTotal);
  const name = (i: number) => labels[i] ?? `part ${i + 1}`;
  const unitWord = decimals === 0 ? '1' : (1 / factor).toFixed(decimals);

  const steps: WorkingStep[] = [];
  steps.push({
    code: 'split-units',
    text:
      decimals === 0
        ? `Split ${showNumber(total)} in whole units over ${n} part(s).`
        : `Work in steps of ${unitWord}: ${total.toFixed(decimals)} is ${roundedUnits} step(s) of ` +
          `${unitWord}, split over ${n} part(s).`,
    values: { total, decimals, totalUnits: roundedUnits, parts: n },
  });
  steps.push({
    code: 'split-round-down',
    text:
      `Rounding every exact share down gives ${Number(floorSum)} unit(s); ` +
      (leftOver === 0
        ? 'nothing is left over.'
        : `${leftOver} unit(s) of ${unitWord} are left over.`),
    values: { floorUnits: Number(floorSum), leftOver },
  });
  if (leftOver > 0) {
    const tied = extraUnitTo.some((i) => {
      const last = order[leftOver];
      return last !== undefined && remainders[last] === remainders[i];
    });
    steps.push({
      code: 'split-remainder',
      text:
        `The ${leftOver} left-over unit(s) go one each to the part(s) that lost most in rounding: ` +
        `${extraUnitTo.map(name).join(', ')}` +
        (tied ? ' (equal fractions: the bigger share wins, then the earlier part).' : '.'),
      values: { leftOver, to: extraUnitTo.map(name) },
    });
  }
  steps.push({
    code: 'split-check',
    text: `Check: the parts add back to ${((sign * roundedUnits) / factor).toFixed(decimals)} exactly.`,
    values: { totalUnits: sign * roundedUnits, sumUnits: partUnits.reduce((a, b) => a + b, 0) },
  });
  return ok({
    parts,
    partUnits,
    totalUnits: sign * roundedUnits,
    exact,
    extraUnitTo,
    decimals,
    steps,
  });
}
