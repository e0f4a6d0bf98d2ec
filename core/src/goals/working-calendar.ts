import { fail, ok, type Result } from '../model/result.ts';

/**
 * Working days in a period. Rates per day depend on which days a crew actually works: weekends
 * differ by country (a Bangladesh garment floor works Saturday to Thursday), public holidays come
 * off, and in China some weekends are made working days to bridge a holiday (调休), so the
 * calendar takes all three as data instead of assuming Monday to Friday.
 */

/** Which days are worked. Weekdays use JavaScript numbering: 0 = Sunday ... 6 = Saturday. */
export interface WorkingCalendar {
  workingWeekdays: readonly number[];
  /** Days off that would otherwise be working days (YYYY-MM-DD). */
  holidays: readonly string[];
  /** Days worked that would otherwise be off, such as a Saturday made a working day. */
  extraWorkingDays?: readonly string[];
}

/** Monday to Friday, no holidays: the default when an organisation has not set a calendar. */
export const MONDAY_TO_FRIDAY: WorkingCalendar = { workingWeekdays: [1, 2, 3, 4, 5], holidays: [] };

/** The working days of a period and how they were counted. */
export interface WorkingDays {
  calendarDays: number;
  /** Days on a working weekday, before holidays come off. */
  weekdayCount: number;
  /** Holidays that fell on a working weekday inside the period (the ones that count). */
  holidaysOff: string[];
  /** Extra working days inside the period that are not working weekdays anyway. */
  extraDaysOn: string[];
  workingDays: number;
  /** The working dates themselves, in order. */
  dates: string[];
}

/** Why working days cannot be counted. */
export type CalendarFailure = 'bad-date' | 'period-reversed' | 'bad-weekday';

const DAY_MS = 86_400_000;

/** Day number (days since 1970-01-01) of a YYYY-MM-DD date, or null if it is no real date. */
export function dayNumber(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    return null;
  }
  return ms / DAY_MS;
}

/** The YYYY-MM-DD date of a day number. */
export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Counts the working days from `start` to `end`, both included: working weekdays, minus holidays
 * on those weekdays, plus extra working days. A holiday on a weekend is not taken off twice, and a
 * date listed twice counts once.
 */
export function countWorkingDays(
  start: string,
  end: string,
  calendar: WorkingCalendar,
): Result<WorkingDays, CalendarFailure> {
  const from = dayNumber(start);
  const to = dayNumber(end);
  if (from === null || to === null) {
    return fail(
      'bad-date',
      `Dates must be real dates written YYYY-MM-DD (got ${start} and ${end}).`,
    );
  }
  if (to < from)
    return fail('period-reversed', `The period ends (${end}) before it starts (${start}).`);
  if (calendar.workingWeekdays.some((d) => !Number.isInteger(d) || d < 0 || d > 6)) {
    return fail('bad-weekday', 'Working weekdays are numbers 0 (Sunday) to 6 (Saturday).');
  }
  const badListed = [...calendar.holidays, ...(calendar.extraWorkingDays ?? [])].find(
    (d) => dayNumber(d) === null,
  );
  if (badListed !== undefined) {
    return fail('bad-date', `Calendar date ${badListed} is not a real date written YYYY-MM-DD.`);
  }
  const weekdays = new Set(calendar.workingWeekdays);
  const holidays = new Set(calendar.holidays);
  const extra = new Set(calendar.extraWorkingDays ?? []);
  let weekdayCount = 0;
  const holidaysOff: string[] = [];
  const extraDaysOn: string[] = [];
  const dates: string[] = [];
  for (let day = from; day <= to; day += 1) {
    const iso = isoOfDay(day);
    // 1970-01-01 was a Thursday (4).
    const isWeekday = weekdays.has((((day + 4) % 7) + 7) % 7);
    if (isWeekday) weekdayCount += 1;
    if (isWeekday && holidays.has(iso) && !extra.has(iso)) {
      holidaysOff.push(iso);
    } else if (isWeekday || extra.has(iso)) {
      if (!isWeekday) extraDaysOn.push(iso);
      dates.push(iso);
    }
  }
  return ok({
    calendarDays: to - from + 1,
    weekdayCount,
    holidaysOff,
    extraDaysOn,
    workingDays: dates.length,
    dates,
  });
}

/** A calendar month inside a period, clipped to the period. */
export interface MonthSlot {
  id: string;
  start: string;
  end: string;
}

/**
 * The months a period touches, clipped to the period (2026-01-15..2026-03-10 gives Jan from the
 * 15th, Feb, Mar to the 10th); used to split a target by month, e.g. weighted by working days.
 */
export function monthsOf(start: string, end: string): Result<MonthSlot[], CalendarFailure> {
  const from = dayNumber(start);
  const to = dayNumber(end);
  if (from === null || to === null) {
    return fail(
      'bad-date',
      `Dates must be real dates written YYYY-MM-DD (got ${start} and ${end}).`,
    );
  }
  if (to < from)
    return fail('period-reversed', `The period ends (${end}) before it starts (${start}).`);
  const months: MonthSlot[] = [];
  let day = from;
  while (day <= to) {
    const d = new Date(day * DAY_MS);
    const nextMonth = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS;
    const last = Math.min(to, nextMonth - 1);
    months.push({ id: isoOfDay(day).slice(0, 7), start: isoOfDay(day), end: isoOfDay(last) });
    day = nextMonth;
  }
  return ok(months);
}
