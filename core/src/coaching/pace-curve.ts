import { z } from 'zod';
import { IsoDate } from '../model/ids.ts';
import { parseIsoDay } from './day-math.ts';
import { ALL_DAYS, type CompiledCalendar } from './working-calendar.ts';

/**
 * The expected line of a goal: how much of the target should be reached by a given day. Straight
 * by default; a seasonal plan (a sales year that makes 40% in Q4) bends it; a working calendar
 * makes it move on working days only.
 */

const SharePoint = z.object({
  /** Share of the period's (working) time elapsed, 0..1. */
  at: z.number().min(0).max(1),
  /** Cumulative share of the target expected by then, 0..1. */
  share: z.number().min(0).max(1),
});

const PlanPoint = z.object({
  /** The end of this day (in the organisation's zone)... */
  date: IsoDate,
  /** ...should see this cumulative share of the target, 0..1. */
  share: z.number().min(0).max(1),
});

function increasingWithShares(points: { key: number | string; share: number }[]): boolean {
  return points.every((p, i) => {
    const prev = points[i - 1];
    return prev === undefined || (prev.key < p.key && prev.share <= p.share);
  });
}

const CURVE_ORDER = 'points must move forward in time and their shares must never go down';

/**
 * A pace curve. `shares` is reusable across periods (a template: "half by 70% of the time");
 * `plan` is tied to dates (a seasonal sales plan). Between points the line is straight; before
 * the first point it starts from (0, 0) and after the last it runs to (1, 1).
 */
export const PaceCurve = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('linear') }),
  z.object({
    kind: z.literal('shares'),
    points: z
      .array(SharePoint)
      .refine(
        (ps) => increasingWithShares(ps.map((p) => ({ key: p.at, share: p.share }))),
        CURVE_ORDER,
      ),
  }),
  z.object({
    kind: z.literal('plan'),
    points: z
      .array(PlanPoint)
      .refine(
        (ps) => increasingWithShares(ps.map((p) => ({ key: p.date, share: p.share }))),
        CURVE_ORDER,
      ),
  }),
]);
export type PaceCurve = z.infer<typeof PaceCurve>;

/** A goal period in epoch days of the organisation's zone, both ends inclusive. */
export interface DayPeriod {
  startDay: number;
  endDay: number;
}

/** A curve tied to one period: knots in elapsed-time space, ready for repeated lookups. */
export interface CompiledPace {
  period: DayPeriod;
  calendar: CompiledCalendar;
  /** Elapsed fractions and shares of the knots, including the (0,0) and (1,1) anchors. */
  at: Float64Array;
  share: Float64Array;
  /** Working days in the whole period; 0 when none (the line then jumps at the end). */
  totalDays: number;
}

/**
 * Share of the period's working time that has passed by the end of `day`. The first day counts as
 * worked by its end, so the last day reaches 1; a day before the start is 0 and a day after the
 * end is 1. A period with no working day (or of zero length in a calendar that skips its only
 * day) stays 0 until its end day, then is 1.
 */
export function elapsedShare(
  day: number,
  period: DayPeriod,
  calendar: CompiledCalendar,
  totalDays: number,
): number {
  if (day < period.startDay) return 0;
  if (day >= period.endDay) return 1;
  if (totalDays <= 0) return 0;
  return calendar.countWorkingDays(period.startDay, day) / totalDays;
}

const LINEAR_KNOTS = Float64Array.of(0, 1);

/** Prepares the expected line of one goal period (a straight line allocates no knots). */
export function compilePace(
  period: DayPeriod,
  curve: PaceCurve | null = null,
  calendar: CompiledCalendar = ALL_DAYS,
): CompiledPace {
  const totalDays = calendar.countWorkingDays(period.startDay, period.endDay);
  if (curve === null || curve.kind === 'linear') {
    return { period, calendar, at: LINEAR_KNOTS, share: LINEAR_KNOTS, totalDays };
  }
  const at: number[] = [0];
  const share: number[] = [0];
  {
    const knots =
      curve.kind === 'shares'
        ? curve.points
        : curve.points.map((p) => ({
            at: elapsedShare(parseIsoDay(p.date), period, calendar, totalDays),
            share: p.share,
          }));
    for (const p of knots) {
      const x = p.at;
      if (Number.isNaN(x)) continue;
      const last = at.length - 1;
      // Two plan dates can land on the same elapsed share (a weekend): the later share wins.
      if (x === at[last]) share[last] = Math.max(share[last] as number, p.share);
      else if (x > (at[last] as number)) {
        at.push(x);
        share.push(Math.max(p.share, share[last] as number));
      }
    }
  }
  if ((at[at.length - 1] as number) < 1) {
    at.push(1);
    share.push(1);
  }
  return {
    period,
    calendar,
    at: Float64Array.from(at),
    share: Float64Array.from(share),
    totalDays,
  };
}

/** Expected cumulative share of the target by the end of `day`, 0..1. */
export function expectedShare(pace: CompiledPace, day: number): number {
  if (day < pace.period.startDay) return 0;
  const x = elapsedShare(day, pace.period, pace.calendar, pace.totalDays);
  const { at, share } = pace;
  if (at.length === 2 && at[1] === 1 && share[1] === 1) return x; // linear: skip the search
  let i = 1;
  while (i < at.length - 1 && (at[i] as number) < x) i++;
  const x0 = at[i - 1] as number;
  const x1 = at[i] as number;
  const y0 = share[i - 1] as number;
  const y1 = share[i] as number;
  if (x >= x1) return y1;
  return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
}
