import { z } from 'zod';
import { IsoDate } from '../model/ids.ts';
import { parseIsoDay, weekdayOfEpochDay } from './day-math.ts';

/**
 * Which days count when a goal's pace is measured. A factory that works Saturday to Thursday, or
 * a team with public holidays, should not be "behind" on a day nobody works; only working days
 * move the expected line.
 */
export const WorkingCalendar = z.object({
  /** Days of the week that are worked: 0 = Sunday ... 6 = Saturday. */
  workingWeekdays: z.array(z.number().int().min(0).max(6)).default([1, 2, 3, 4, 5]),
  /** Dates that are not worked even though their weekday is. */
  holidays: z.array(IsoDate).default([]),
  /** Dates worked although their weekday is not (a Saturday made a working day to bridge a holiday). */
  extraWorkingDays: z.array(IsoDate).default([]),
});
export type WorkingCalendar = z.infer<typeof WorkingCalendar>;

/** A calendar prepared for counting: fixed-cost day counts however long the period. */
export interface CompiledCalendar {
  /** Working days in [from, to], both inclusive; 0 when to < from. */
  countWorkingDays(from: number, to: number): number;
  isWorkingDay(epochDay: number): boolean;
}

function upperBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Prepares a calendar. Counting works by whole weeks plus a remainder, minus the holidays that
 * fall on working weekdays inside the range (binary search), so it costs the same for a week or a
 * decade. Holidays on non-working weekdays and duplicates are dropped so they are not subtracted
 * twice (likewise extra days on working weekdays); unparseable dates are ignored (the schema refuses them earlier).
 */
export function compileCalendar(calendar: WorkingCalendar): CompiledCalendar {
  const working = new Uint8Array(7);
  for (const d of calendar.workingWeekdays) working[d] = 1;
  // perWeekBefore[k] = working weekdays among the first k days of a week starting on Sunday.
  const perWeekBefore = new Int32Array(8);
  for (let k = 0; k < 7; k++)
    perWeekBefore[k + 1] = (perWeekBefore[k] as number) + (working[k] as number);
  const perWeek = perWeekBefore[7] as number;
  const days = new Set<number>();
  for (const h of calendar.holidays) {
    const d = parseIsoDay(h);
    if (!Number.isNaN(d) && working[weekdayOfEpochDay(d)] === 1) days.add(d);
  }
  const holidays = Int32Array.from([...days].sort((a, b) => a - b));
  const extra = new Set<number>();
  for (const e of calendar.extraWorkingDays ?? []) {
    const d = parseIsoDay(e);
    if (!Number.isNaN(d) && working[weekdayOfEpochDay(d)] === 0) extra.add(d);
  }
  const extras = Int32Array.from([...extra].sort((a, b) => a - b));
  // Working days in [0-based Sunday-aligned origin, day): a prefix count on the infinite calendar.
  const before = (day: number): number => {
    const sundayOffset = day + 4; // epoch day -4 was a Sunday
    const weeks = Math.floor(sundayOffset / 7);
    const rest = sundayOffset - weeks * 7;
    const weekdays = weeks * perWeek + (perWeekBefore[rest] as number);
    return weekdays - upperBound(holidays, day - 1) + upperBound(extras, day - 1);
  };
  return {
    countWorkingDays(from: number, to: number): number {
      return to < from ? 0 : before(to + 1) - before(from);
    },
    isWorkingDay(epochDay: number): boolean {
      const list = working[weekdayOfEpochDay(epochDay)] === 1 ? holidays : extras;
      const i = upperBound(list, epochDay);
      const listed = i > 0 && list[i - 1] === epochDay;
      return list === holidays ? !listed : listed;
    },
  };
}

/** Every day counts: the calendar used when the organisation sets none. */
export const ALL_DAYS: CompiledCalendar = {
  countWorkingDays: (from, to) => (to < from ? 0 : to - from + 1),
  isWorkingDay: () => true,
};
