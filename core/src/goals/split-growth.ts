import { fail, ok, type Result } from '../model/result.ts';
import { showNumber, showPercent, type WorkingStep } from './working-step.ts';

/**
 * Turning a growth target for a long period ("+20% this year") into a rate per shorter period.
 * Linear and compound answers differ (1.667% vs 1.531% a month) and managers argue about which is
 * meant, so both methods are offered and the working shows what each implies.
 */

/** `linear` adds an equal slice of the starting level each period; `compound` grows on the last. */
export type GrowthMethod = 'linear' | 'compound';

/** A growth rate per period, with the level reached after each period when a base was given. */
export interface GrowthSplit {
  method: GrowthMethod;
  /** The exact rate per period as a fraction (0.01531 for 1.531%). */
  ratePerPeriod: number;
  /** The same rate as a percentage rounded to `decimals` places, for display. */
  ratePerPeriodPercent: number;
  /** Level at the end of each period (base given), rounded to `decimals`; the last is the target. */
  levels: number[] | null;
  steps: WorkingStep[];
}

/** Why a growth target cannot be split. */
export type GrowthFailure = 'bad-periods' | 'bad-rate' | 'rate-below-minus-100' | 'bad-decimals';

/**
 * Splits a growth rate over `periods` (12 months of a year): linear gives rate / periods;
 * compound gives (1 + rate)^(1/periods) - 1, so the periods multiply back to the whole. With a
 * `base` level, the levels per period are returned too, and the last one equals base x (1 + rate).
 *
 * @param rate Growth over the whole span as a fraction: 0.2 for +20%, -0.1 for -10%.
 * @param decimals Decimal places of the percentage shown (3 gives 1.531%) and of the levels.
 */
export function splitGrowth(input: {
  rate: number;
  periods: number;
  method: GrowthMethod;
  decimals?: number;
  base?: number | null;
  periodWord?: string;
}): Result<GrowthSplit, GrowthFailure> {
  const { rate, periods, method } = input;
  const decimals = input.decimals ?? 3;
  const base = input.base ?? null;
  const word = input.periodWord ?? 'period';
  if (!Number.isInteger(periods) || periods < 1) {
    return fail(
      'bad-periods',
      `The number of periods must be a whole number of 1 or more, not ${periods}.`,
    );
  }
  if (!Number.isFinite(rate)) return fail('bad-rate', 'The growth rate is not a number.');
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 9) {
    return fail(
      'bad-decimals',
      `Decimal places must be a whole number from 0 to 9, not ${decimals}.`,
    );
  }
  if (method === 'compound' && rate <= -1) {
    return fail(
      'rate-below-minus-100',
      `A compound split needs the level to stay above zero; ${showPercent(rate, 1)} would end at or below it.`,
    );
  }
  const steps: WorkingStep[] = [];
  let ratePerPeriod: number;
  if (method === 'linear') {
    ratePerPeriod = rate / periods;
    steps.push({
      code: 'growth-linear',
      text:
        `Linear: ${showPercent(rate, decimals)} / ${periods} = ${showPercent(ratePerPeriod, decimals)} ` +
        `of the starting level each ${word}.`,
      values: { rate, periods, ratePerPeriod },
    });
    const compounded = (1 + ratePerPeriod) ** periods - 1;
    steps.push({
      code: 'growth-linear-note',
      text:
        `Note: if each ${word} grew ${showPercent(ratePerPeriod, decimals)} on the ${word} before, ` +
        `the whole would be ${showPercent(compounded, decimals)}, not ${showPercent(rate, decimals)}.`,
      values: { ratePerPeriod, periods, compounded },
    });
  } else {
    ratePerPeriod = (1 + rate) ** (1 / periods) - 1;
    steps.push({
      code: 'growth-compound',
      text:
        `Compound: (1 ${rate < 0 ? '-' : '+'} ${showNumber(Math.abs(rate))})^(1/${periods}) - 1 = ` +
        `${showPercent(ratePerPeriod, decimals)} each ${word}, on top of the ${word} before.`,
      values: { rate, periods, ratePerPeriod },
    });
    steps.push({
      code: 'growth-compound-check',
      text:
        `Check: (1 + ${showNumber(ratePerPeriod, 8)})^${periods} = ` +
        `${showNumber((1 + ratePerPeriod) ** periods, 8)}, i.e. ${showPercent(rate, decimals)} in all.`,
      values: { ratePerPeriod, periods, product: (1 + ratePerPeriod) ** periods },
    });
  }
  const factor = 10 ** decimals;
  const round = (x: number) => Math.round(x * factor) / factor;
  let levels: number[] | null = null;
  if (base !== null) {
    levels = Array.from({ length: periods }, (_, i) => {
      const k = i + 1;
      // The last level is computed from the whole rate so float drift never moves the target.
      if (k === periods) return round(base * (1 + rate));
      return round(
        method === 'linear' ? base * (1 + ratePerPeriod * k) : base * (1 + ratePerPeriod) ** k,
      );
    });
    steps.push({
      code: 'growth-levels',
      text:
        `From ${showNumber(base)}: after ${word} 1 ${showNumber(levels[0] as number)}, ` +
        `after ${word} ${periods} ${showNumber(levels[periods - 1] as number)} ` +
        `(= ${showNumber(base)} x ${showNumber(1 + rate)}).`,
      values: { base, first: levels[0] as number, last: levels[periods - 1] as number },
    });
  }
  return ok({
    method,
    ratePerPeriod,
    ratePerPeriodPercent: round(ratePerPeriod * 100),
    levels,
    steps,
  });
}
