import { describe, expect, it } from 'vitest';
import { propertySeed, seededRandom } from '../goals/testing.ts';
import { formatEpochDay, parseIsoDay } from './day-math.ts';
import { compilePace, expectedShare, PaceCurve } from './pace-curve.ts';
import { ALL_DAYS, compileCalendar, WorkingCalendar } from './working-calendar.ts';

describe('expected progress (property)', () => {
  it('is monotonic in time and within 0..1 for any non-decreasing curve and any calendar', () => {
    const seed = propertySeed();
    const rand = seededRandom(seed);
    const base = parseIsoDay('2025-01-01');
    for (let trial = 0; trial < 300; trial++) {
      const startDay = base + Math.floor(rand() * 200);
      const endDay = startDay + Math.floor(rand() * 120); // includes zero-length periods
      const n = Math.floor(rand() * 6);
      const shares = Array.from({ length: n }, () => rand()).sort((a, b) => a - b);
      const curve: PaceCurve =
        rand() < 0.5
          ? {
              kind: 'shares',
              points: [
                ...new Set(Array.from({ length: n }, () => Math.round(rand() * 1000) / 1000)),
              ]
                .sort((a, b) => a - b)
                .map((at, i) => ({ at, share: shares[i] ?? 1 })),
            }
          : {
              kind: 'plan',
              points: [
                ...new Set(
                  Array.from(
                    { length: n },
                    () => startDay - 10 + Math.floor(rand() * (endDay - startDay + 20)),
                  ),
                ),
              ]
                .sort((a, b) => a - b)
                .map((d, i) => ({ date: formatEpochDay(d), share: shares[i] ?? 1 })),
            };
      expect(PaceCurve.safeParse(curve).success, `seed ${seed} trial ${trial}`).toBe(true);
      const calendar =
        rand() < 0.5
          ? ALL_DAYS
          : compileCalendar(
              WorkingCalendar.parse({
                workingWeekdays: [0, 1, 2, 3, 4, 5, 6].filter(() => rand() < 0.6),
                holidays: [formatEpochDay(startDay + Math.floor(rand() * 30))],
              }),
            );
      const pace = compilePace({ startDay, endDay }, curve, calendar);
      let previous = 0;
      for (let day = startDay - 5; day <= endDay + 5; day++) {
        const e = expectedShare(pace, day);
        if (e < previous || e < 0 || e > 1) {
          const context: string = `seed ${seed} trial ${trial} day ${formatEpochDay(day)} curve ${JSON.stringify(curve)}`;
          expect.fail(`expected ${e} after ${previous} is out of order or range: ${context}`);
        }
        previous = e;
      }
    }
  });
});
