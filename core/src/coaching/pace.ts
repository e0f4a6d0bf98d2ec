import { metricProgress } from '../goals/progress.ts';
import type { IsoDate } from '../model/ids.ts';
import type { Metric } from '../model/performance.ts';
import type { Result } from '../model/result.ts';
import { formatEpochDay } from './day-math.ts';
import { forecastAtEnd, type Forecast, type ForecastFailure } from './forecast.ts';
import { expectedShare, type CompiledPace } from './pace-curve.ts';

/**
 * Is a goal where it should be by now? Expected progress comes from the goal's pace curve,
 * actual progress from the latest check-in on or before today, and the gap between them in
 * percentage points decides the status against the organisation's thresholds.
 */

/** Pace of a goal as people read it. `no-data` = running but never measured. */
export type PaceStatus = 'not-started' | 'on-track' | 'at-risk' | 'off-track' | 'no-data';

/** Attention order of statuses: the dashboard puts lower ranks first. */
export const PACE_STATUS_RANK: Record<PaceStatus, number> = {
  'off-track': 0,
  'at-risk': 1,
  'no-data': 2,
  'on-track': 3,
  'not-started': 4,
};

/** The thresholds a status is read against, in percentage points behind. */
export interface PaceThresholds {
  atRiskPoints: number;
  offTrackPoints: number;
}

/** A goal's pace at one day. Shares are 0..1 (unclamped for actual); gaps are percentage points. */
export interface PaceAssessment {
  today: IsoDate;
  status: PaceStatus;
  expected: number;
  /** Progress share at the latest check-in (or the metric's current value); null when unknown. */
  actual: number | null;
  /** Expected minus actual, in points (positive = behind); null when actual is unknown. */
  gapPoints: number | null;
  /** The value of the latest check-in used, and its day. */
  latestValue: number | null;
  latestDay: IsoDate | null;
  forecast: Result<Forecast & { valueAtEnd: number }, ForecastFailure>;
}

/**
 * Progress share of a measured value, via the goals module's metric progress so pace and the
 * goal screens can never disagree about what "60% there" means. NaN when it cannot be computed.
 */
export function shareOfValue(
  metric: Pick<Metric, 'start' | 'target' | 'direction'>,
  value: number,
): number {
  const p = metricProgress({
    start: metric.start,
    target: metric.target,
    direction: metric.direction,
    current: value,
  });
  return p.progress ?? NaN;
}

// Shares are floats: 50% expected minus 45% actual is 4.999999999999999 points, which is 5 on paper.
const GAP_TOLERANCE = 1e-9;

/** The status for a gap: at or beyond a threshold counts (10 behind with off-track 10 is off track). */
export function statusForGap(gapPoints: number, thresholds: PaceThresholds): PaceStatus {
  if (gapPoints >= thresholds.offTrackPoints - GAP_TOLERANCE) return 'off-track';
  if (gapPoints >= thresholds.atRiskPoints - GAP_TOLERANCE) return 'at-risk';
  return 'on-track';
}

/** Index of the last point dated on or before `today` in `[from, to)` of a day-sorted array, or -1. */
export function lastIndexOnOrBefore(
  days: ArrayLike<number>,
  from: number,
  to: number,
  today: number,
): number {
  let i = to - 1;
  while (i >= from && (days[i] as number) > today) i--;
  return i;
}

/** A series slice: parallel arrays sorted by time, points `[from, to)`. */
export interface SeriesSlice {
  days: ArrayLike<number>;
  values: ArrayLike<number>;
  from: number;
  to: number;
}

/**
 * Assesses one series against its pace. Check-ins after today do not count (pace is "as of"
 * today, so re-running it for a past date gives what was known then). The forecast uses the
 * latest `forecastWindow` in-period check-ins up to today.
 */
export function assessSeriesPace(
  pace: CompiledPace,
  metric: Pick<Metric, 'start' | 'target' | 'direction' | 'current'>,
  today: number,
  slice: SeriesSlice,
  thresholds: PaceThresholds,
  forecastWindow: number,
): PaceAssessment {
  const { days, values, from, to } = slice;
  const expected = expectedShare(pace, today);
  const last = lastIndexOnOrBefore(days, from, to, today);
  let latestValue: number | null = null;
  let latestDay: IsoDate | null = null;
  if (last >= from) {
    latestValue = values[last] as number;
    latestDay = formatEpochDay(days[last] as number);
  } else if (metric.current !== null && Number.isFinite(metric.current)) {
    latestValue = metric.current;
  }
  const actualShare = latestValue === null ? NaN : shareOfValue(metric, latestValue);
  const actual = Number.isNaN(actualShare) ? null : actualShare;
  const gapPoints = actual === null ? null : (expected - actual) * 100;
  let status: PaceStatus;
  if (today < pace.period.startDay) status = 'not-started';
  else if (gapPoints === null) status = 'no-data';
  else status = statusForGap(gapPoints, thresholds);

  let first = last + 1;
  while (
    first > from &&
    last + 1 - first < forecastWindow &&
    (days[first - 1] as number) >= pace.period.startDay
  )
    first--;
  const fitDays: number[] = [];
  const fitShares: number[] = [];
  for (let i = first; i <= last; i++) {
    const s = shareOfValue(metric, values[i] as number);
    if (Number.isNaN(s)) continue;
    fitDays.push(days[i] as number);
    fitShares.push(s);
  }
  const fit = forecastAtEnd(fitDays, fitShares, 0, fitDays.length, pace.period.endDay);
  const range = metric.target - metric.start;
  const forecast = fit.ok
    ? {
        ok: true as const,
        value: { ...fit.value, valueAtEnd: metric.start + fit.value.shareAtEnd * range },
      }
    : fit;
  return {
    today: formatEpochDay(today),
    status,
    expected,
    actual,
    gapPoints,
    latestValue,
    latestDay,
    forecast,
  };
}
