import { makeGoal } from '../goals/testing.ts';
import type { Goal } from '../model/performance.ts';
import { CheckIn } from './check-in.ts';
import { buildCheckInSeries, type SeriesPoint } from './check-in-series.ts';
import { PaceSettings } from './pace-settings.ts';

/**
 * Builders for the coaching tests (kept out of the package index): a person-owned metric goal, a
 * check-in with plain defaults, and one goal's series.
 */

/** A metric goal 0 -> 100 owned by a person; fields override. */
export function metricGoal(fields: Partial<Goal> & { id: string }): Goal {
  return makeGoal({
    owner: { kind: 'person', id: 'p1' },
    kind: 'metric',
    metric: { unit: '', start: 0, target: 100, current: null, direction: 'increase' },
    ...fields,
  });
}

let counter = 0;

/** A check-in on a goal at an instant with a value; fields override. */
export function checkIn(
  goalId: string,
  at: string,
  value: number,
  fields: Partial<CheckIn> = {},
): CheckIn {
  counter++;
  return CheckIn.parse({ id: `c${counter}`, goalId, at, value, authorId: 'p1', ...fields });
}

/** Default pace settings with overrides. */
export function paceSettings(fields: Partial<PaceSettings> = {}): PaceSettings {
  return PaceSettings.parse(fields);
}

/** The series of one goal. */
export function seriesOf(
  goal: Goal,
  checkIns: unknown[],
  now: Date,
  timeZone: string,
): SeriesPoint[] {
  return buildCheckInSeries({ checkIns, now, timeZone, goals: [goal] }).series.get(goal.id) ?? [];
}
