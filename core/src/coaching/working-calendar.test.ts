import { describe, expect, it } from 'vitest';
import { seededRandom } from '../goals/testing.ts';
import { formatEpochDay, parseIsoDay, weekdayOfEpochDay } from './day-math.ts';
import { compileCalendar, WorkingCalendar } from './working-calendar.ts';

describe('compileCalendar', () => {
  it('counts like a day-by-day walk for random calendars and ranges', () => {
    const seed = 4242;
    const rand = seededRandom(seed);
    const base = parseIsoDay('2025-01-01');
    for (let t = 0; t < 200; t++) {
      const weekdays = [0, 1, 2, 3, 4, 5, 6].filter(() => rand() < 0.7);
      const holidays = Array.from({ length: 8 }, () =>
        formatEpochDay(base + Math.floor(rand() * 400)),
      );
      const extras = Array.from({ length: 4 }, () =>
        formatEpochDay(base + Math.floor(rand() * 400)),
      );
      const cal = compileCalendar(
        WorkingCalendar.parse({ workingWeekdays: weekdays, holidays, extraWorkingDays: extras }),
      );
      const from = base + Math.floor(rand() * 300);
      const to = from + Math.floor(rand() * 120) - 5;
      let walk = 0;
      for (let d = from; d <= to; d++) {
        const iso = formatEpochDay(d);
        const onWeekday = weekdays.includes(weekdayOfEpochDay(d));
        const works = onWeekday ? !holidays.includes(iso) : extras.includes(iso);
        expect(cal.isWorkingDay(d), `seed ${seed} ${iso}`).toBe(works);
        if (works) walk++;
      }
      expect(cal.countWorkingDays(from, to), `seed ${seed} trial ${t}`).toBe(walk);
    }
  });

  it('skips Fridays for a Saturday-Thursday factory', () => {
    const cal = compileCalendar(WorkingCalendar.parse({ workingWeekdays: [6, 0, 1, 2, 3, 4] }));
    // 2015-01-01 (Thu) .. 2015-01-10 (Sat): Fridays 2nd and 9th are off.
    expect(cal.countWorkingDays(parseIsoDay('2015-01-01'), parseIsoDay('2015-01-10'))).toBe(8);
  });
});
