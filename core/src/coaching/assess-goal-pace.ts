import type { Goal } from '../model/performance.ts';
import type { SeriesPoint } from './check-in-series.ts';
import { parseIsoDay } from './day-math.ts';
import { compilePace } from './pace-curve.ts';
import type { PaceSettings } from './pace-settings.ts';
import { assessSeriesPace, type PaceAssessment } from './pace.ts';
import { ALL_DAYS, compileCalendar } from './working-calendar.ts';
import { createZonedDayOf } from './zoned-day.ts';

/** Why one goal's pace cannot be measured. */
export type GoalPaceFailure = 'not-a-metric-goal' | 'bad-period';

/**
 * Pace of one goal from its series (as built by `buildCheckInSeries`): the entry point for a goal
 * screen. Flagged check-ins count like the others, except that a far-future one is after today
 * and so is ignored by the "as of today" rule anyway.
 */
export function assessGoalPace(input: {
  goal: Goal;
  series: readonly SeriesPoint[];
  now: Date;
  timeZone: string;
  settings: PaceSettings;
}): { ok: true; value: PaceAssessment } | { ok: false; reason: GoalPaceFailure; message: string } {
  const { goal, settings } = input;
  if (goal.kind !== 'metric' || goal.metric === null) {
    return {
      ok: false,
      reason: 'not-a-metric-goal',
      message: `goal ${goal.id} has no metric to pace`,
    };
  }
  const startDay = parseIsoDay(goal.periodStart);
  const endDay = parseIsoDay(goal.periodEnd);
  if (Number.isNaN(startDay) || Number.isNaN(endDay) || endDay < startDay) {
    return { ok: false, reason: 'bad-period', message: `goal ${goal.id} has no valid period` };
  }
  const calendar = settings.calendar === null ? ALL_DAYS : compileCalendar(settings.calendar);
  const pace = compilePace({ startDay, endDay }, settings.curves[goal.id] ?? null, calendar);
  const today = createZonedDayOf(input.timeZone)(input.now.getTime());
  const slice = {
    days: input.series.map((p) => p.day),
    values: input.series.map((p) => p.checkIn.value),
    from: 0,
    to: input.series.length,
  };
  return {
    ok: true,
    value: assessSeriesPace(pace, goal.metric, today, slice, settings, settings.forecastWindow),
  };
}
