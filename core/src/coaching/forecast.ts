import { fail, ok, type Result } from '../model/result.ts';

/**
 * Where a goal lands at its end date if the recent trend holds: a least-squares line through the
 * latest check-ins (progress share against day). Recent points only, because a goal that stalled
 * after a good start should not be forecast on its start.
 */

/** A trend line's answer at the end of the period. */
export interface Forecast {
  /** Progress share at the end day (unclamped: 1.2 means over-achieving). */
  shareAtEnd: number;
  /** Change of the share per day along the fitted line. */
  slopePerDay: number;
  pointsUsed: number;
}

/** Why no forecast could be made. */
export type ForecastFailure = 'too-little-data';

/**
 * Fits `share = a + b * day` to points `[from, to)` of parallel arrays and reads it at `endDay`.
 * Needs at least two different days; one point, or several on the same day, give no slope.
 * Days are shifted by the first day before summing so large epoch days do not lose precision.
 */
export function forecastAtEnd(
  days: ArrayLike<number>,
  shares: ArrayLike<number>,
  from: number,
  to: number,
  endDay: number,
): Result<Forecast, ForecastFailure> {
  const n = to - from;
  if (n < 2) {
    return fail(
      'too-little-data',
      `a trend needs at least 2 check-ins on different days, found ${Math.max(n, 0)}`,
      {
        pointsUsed: Math.max(n, 0),
      },
    );
  }
  const origin = days[from] as number;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = from; i < to; i++) {
    const x = (days[i] as number) - origin;
    const y = shares[i] as number;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const denom = n * sxx - sx * sx;
  if (denom === 0) {
    return fail('too-little-data', `all ${n} check-ins are on the same day, so there is no trend`, {
      pointsUsed: n,
    });
  }
  const slope = (n * sxy - sx * sy) / denom;
  const intercept = (sy - slope * sx) / n;
  return ok({
    shareAtEnd: intercept + slope * (endDay - origin),
    slopePerDay: slope,
    pointsUsed: n,
  });
}
