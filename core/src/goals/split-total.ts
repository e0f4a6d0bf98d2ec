import { ok, type Result } from '../model/result.ts';
import {
  allocateLargestRemainder,
  type Allocation,
  type SplitFailure,
} from './largest-remainder.ts';
import { showNumber, showPercent, type WorkingStep } from './working-step.ts';

/**
 * Cascading an absolute target down: a yearly total over months, or a department's total over its
 * teams. Both are the same exact split (largest remainder) with different words in the steps.
 */

/** One part of a split total. */
export interface SplitPart {
  id: string;
  label: string;
  /** The rounded value; parts add back to the total exactly (see `partUnits` on the allocation). */
  value: number;
  /** The unrounded value, for showing how much rounding moved each part. */
  exact: number;
  /** This part's share of the whole, 0..1. */
  share: number;
}

/** A split with its working. */
export interface SplitResult {
  parts: SplitPart[];
  allocation: Allocation;
  steps: WorkingStep[];
}

/** A period to split over; `weight` lets busy months carry more (null or absent: equal). */
export interface PeriodSlot {
  id: string;
  label?: string;
  weight?: number | null;
}

function buildParts(
  slots: readonly { id: string; label: string }[],
  weights: readonly number[],
  allocation: Allocation,
): SplitPart[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  return slots.map((s, i) => ({
    id: s.id,
    label: s.label,
    value: allocation.parts[i] as number,
    exact: allocation.exact[i] as number,
    share: (weights[i] as number) / sum,
  }));
}

/**
 * Splits an absolute total (units sold, hours trained) over periods, equally or by each period's
 * weight (working days, seasonality). Parts add back to the total exactly.
 */
export function splitOverPeriods(input: {
  total: number;
  periods: readonly PeriodSlot[];
  decimals: number;
}): Result<SplitResult, SplitFailure> {
  const { total, periods, decimals } = input;
  const slots = periods.map((p) => ({ id: p.id, label: p.label ?? p.id }));
  const weighted = periods.some((p) => p.weight !== null && p.weight !== undefined);
  const weights = periods.map((p) => (weighted ? (p.weight ?? 0) : 1));
  const allocation = allocateLargestRemainder(
    total,
    weights,
    decimals,
    slots.map((s) => s.label),
  );
  if (!allocation.ok) return allocation;
  const steps: WorkingStep[] = [
    weighted
      ? {
          code: 'periods-weighted',
          text:
            `Split ${showNumber(total)} over ${periods.length} period(s) in proportion to their ` +
            `weights (${weights.map(showNumber).join(', ')}; total ${showNumber(weights.reduce((a, b) => a + b, 0))}).`,
          values: { total, periods: periods.length, weights },
        }
      : {
          code: 'periods-equal',
          text:
            `Split ${showNumber(total)} equally over ${periods.length} period(s): ` +
            `${showNumber(total / Math.max(1, periods.length))} each before rounding.`,
          values: { total, periods: periods.length, each: total / Math.max(1, periods.length) },
        },
    ...allocation.value.steps,
  ];
  return ok({
    parts: buildParts(slots, weights, allocation.value),
    allocation: allocation.value,
    steps,
  });
}

/** What a unit's share is based on; only changes the words of the working. */
export type ShareBasis = 'headcount' | 'last-output' | 'custom';

/** A unit receiving part of a total, with the figure its share follows. */
export interface ShareSlot {
  id: string;
  label?: string;
  /** Headcount, last period's output, or a custom weight. */
  basisValue: number;
}

const BASIS_WORDS: Record<ShareBasis, string> = {
  headcount: 'headcount (people)',
  'last-output': "last period's output",
  custom: 'the given weights',
};

/**
 * Splits a total over units (teams, crews) by share: their headcount, their last period's output,
 * or custom weights. Parts add back to the total exactly; the steps say each unit's share.
 */
export function splitByShares(input: {
  total: number;
  units: readonly ShareSlot[];
  basis: ShareBasis;
  decimals: number;
}): Result<SplitResult, SplitFailure> {
  const { total, units, basis, decimals } = input;
  const slots = units.map((u) => ({ id: u.id, label: u.label ?? u.id }));
  const weights = units.map((u) => u.basisValue);
  const allocation = allocateLargestRemainder(
    total,
    weights,
    decimals,
    slots.map((s) => s.label),
  );
  if (!allocation.ok) return allocation;
  const sum = weights.reduce((a, b) => a + b, 0);
  const steps: WorkingStep[] = [
    {
      code: 'shares-basis',
      text:
        `Shares follow ${BASIS_WORDS[basis]}: ` +
        units
          .map(
            (u, i) =>
              `${slots[i]?.label} ${showNumber(u.basisValue)} of ${showNumber(sum)} (${showPercent(u.basisValue / sum, 1)})`,
          )
          .join('; ') +
        '.',
      values: { basis, basisValues: weights, basisTotal: sum },
    },
    ...allocation.value.steps,
  ];
  return ok({
    parts: buildParts(slots, weights, allocation.value),
    allocation: allocation.value,
    steps,
  });
}
