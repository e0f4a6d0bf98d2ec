import { describe, expect, it } from 'vitest';
import { assessGoalPace } from './assess-goal-pace.ts';
import { parseIsoDay } from './day-math.ts';
import { compilePace, expectedShare, PaceCurve } from './pace-curve.ts';
import { statusForGap } from './pace.ts';
import { checkIn, metricGoal, paceSettings, seriesOf } from './testing.ts';
import { compileCalendar, WorkingCalendar } from './working-calendar.ts';
import type { Goal } from '../model/performance.ts';
import type { CheckIn } from './check-in.ts';

function pace(
  goal: Goal,
  checkIns: CheckIn[],
  now: string,
  timeZone = 'UTC',
  settings = paceSettings(),
) {
  const at = new Date(now);
  const result = assessGoalPace({
    goal,
    series: seriesOf(goal, checkIns, at, timeZone),
    now: at,
    timeZone,
    settings,
  });
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

const tenDays = metricGoal({ id: 'g', periodStart: '2025-01-01', periodEnd: '2025-01-10' });

describe('expected progress', () => {
  it('is linear over calendar days, counting today as done by its end', () => {
    expect(pace(tenDays, [], '2025-01-05T12:00:00Z').expected).toBeCloseTo(0.5, 12);
    expect(pace(tenDays, [], '2025-01-01T00:00:00Z').expected).toBeCloseTo(0.1, 12);
    expect(pace(tenDays, [], '2025-01-10T23:59:00Z').expected).toBe(1);
    expect(pace(tenDays, [], '2025-02-10T00:00:00Z').expected).toBe(1);
  });

  it('is 0 with status not-started for a goal that starts in the future', () => {
    const later = metricGoal({ id: 'g', periodStart: '2025-06-01', periodEnd: '2025-06-30' });
    const p = pace(later, [checkIn('g', '2025-05-20T10:00:00Z', 30)], '2025-05-25T10:00:00Z');
    expect(p.expected).toBe(0);
    expect(p.status).toBe('not-started');
  });

  it('handles a zero-length period: 0 before its day, 1 on and after it', () => {
    const oneDay = metricGoal({ id: 'g', periodStart: '2025-01-10', periodEnd: '2025-01-10' });
    expect(pace(oneDay, [], '2025-01-09T12:00:00Z').expected).toBe(0);
    expect(pace(oneDay, [], '2025-01-10T00:00:00Z').expected).toBe(1);
    expect(pace(oneDay, [], '2025-01-11T00:00:00Z').expected).toBe(1);
    // The same day in a calendar where it is not worked: no working day at all, still 0 then 1.
    const cal = compileCalendar(WorkingCalendar.parse({ workingWeekdays: [1, 2, 3] })); // 2025-01-10 is a Friday
    const period = { startDay: parseIsoDay('2025-01-10'), endDay: parseIsoDay('2025-01-10') };
    const compiled = compilePace(period, null, cal);
    expect(compiled.totalDays).toBe(0);
    expect(expectedShare(compiled, period.startDay - 1)).toBe(0);
    expect(expectedShare(compiled, period.endDay)).toBe(1);
  });

  it('follows a custom share curve and a dated seasonal plan', () => {
    const curve = PaceCurve.parse({ kind: 'shares', points: [{ at: 0.5, share: 0.2 }] });
    const s = paceSettings({ curves: { g: curve } });
    expect(pace(tenDays, [], '2025-01-05T12:00:00Z', 'UTC', s).expected).toBeCloseTo(0.2, 12);
    expect(pace(tenDays, [], '2025-01-08T12:00:00Z', 'UTC', s).expected).toBeCloseTo(
      0.2 + 0.8 * 0.6,
      12,
    );
    const year = metricGoal({ id: 'g', periodStart: '2025-01-01', periodEnd: '2025-12-31' });
    const plan = PaceCurve.parse({
      kind: 'plan',
      points: [
        { date: '2025-03-31', share: 0.15 },
        { date: '2025-06-30', share: 0.3 },
        { date: '2025-09-30', share: 0.5 },
      ],
    });
    const ps = paceSettings({ curves: { g: plan } });
    expect(pace(year, [], '2025-03-31T12:00:00Z', 'UTC', ps).expected).toBeCloseTo(0.15, 12);
    expect(pace(year, [], '2025-09-30T12:00:00Z', 'UTC', ps).expected).toBeCloseTo(0.5, 12);
    expect(pace(year, [], '2025-12-31T12:00:00Z', 'UTC', ps).expected).toBe(1);
  });

  it('refuses curves that go back in time or down in share', () => {
    expect(
      PaceCurve.safeParse({
        kind: 'shares',
        points: [
          { at: 0.5, share: 0.4 },
          { at: 0.6, share: 0.3 },
        ],
      }).success,
    ).toBe(false);
    expect(
      PaceCurve.safeParse({
        kind: 'plan',
        points: [
          { date: '2025-05-01', share: 0.1 },
          { date: '2025-04-01', share: 0.2 },
        ],
      }).success,
    ).toBe(false);
  });

  it('moves on working days only when a calendar is set', () => {
    const twoWeeks = metricGoal({ id: 'g', periodStart: '2025-03-03', periodEnd: '2025-03-14' }); // Mon..Fri
    const s = paceSettings({
      calendar: WorkingCalendar.parse({
        workingWeekdays: [1, 2, 3, 4, 5],
        holidays: ['2025-03-12'],
      }),
    });
    // 9 working days; Friday 7 March is the 5th, and the weekend adds nothing.
    expect(pace(twoWeeks, [], '2025-03-07T12:00:00Z', 'UTC', s).expected).toBeCloseTo(5 / 9, 12);
    expect(pace(twoWeeks, [], '2025-03-09T12:00:00Z', 'UTC', s).expected).toBeCloseTo(5 / 9, 12);
    expect(pace(twoWeeks, [], '2025-03-12T12:00:00Z', 'UTC', s).expected).toBeCloseTo(7 / 9, 12);
  });

  it('counts calendar days in the zone across a daylight-saving change', () => {
    const march = metricGoal({ id: 'g', periodStart: '2025-03-01', periodEnd: '2025-03-20' });
    // 00:30 on 10 March in New York, the day after clocks went forward: day 10 of 20.
    const p = pace(march, [], '2025-03-10T00:30:00-04:00', 'America/New_York');
    expect(p.today).toBe('2025-03-10');
    expect(p.expected).toBeCloseTo(10 / 20, 12);
    // 24-hour multiples from local midnight of the start would say only 8 whole days had passed.
    const naiveDays = Math.floor(
      (Date.parse('2025-03-10T00:30:00-04:00') - Date.parse('2025-03-01T00:00:00-05:00')) /
        86_400_000,
    );
    expect(naiveDays).toBe(8);
  });
});

describe('actual progress and status', () => {
  it('uses the latest check-in and reads the gap against the thresholds (at or beyond counts)', () => {
    const at = '2025-01-05T12:00:00Z';
    const with45 = pace(
      tenDays,
      [checkIn('g', '2025-01-02T09:00:00Z', 10), checkIn('g', '2025-01-05T09:00:00Z', 45)],
      at,
    );
    expect(with45.actual).toBeCloseTo(0.45, 12);
    expect(with45.gapPoints).toBeCloseTo(5, 9);
    expect(with45.status).toBe('at-risk');
    expect(pace(tenDays, [checkIn('g', '2025-01-05T09:00:00Z', 50)], at).status).toBe('on-track');
    expect(pace(tenDays, [checkIn('g', '2025-01-05T09:00:00Z', 40)], at).status).toBe('off-track');
    expect(pace(tenDays, [], at).status).toBe('no-data');
    const strict = paceSettings({ atRiskPoints: 1, offTrackPoints: 3 });
    expect(
      pace(tenDays, [checkIn('g', '2025-01-05T09:00:00Z', 48)], at, 'UTC', strict).status,
    ).toBe('at-risk');
    expect(statusForGap(-20, { atRiskPoints: 5, offTrackPoints: 10 })).toBe('on-track');
  });

  it('ignores check-ins dated after today, and counts a falling metric the right way', () => {
    const p = pace(
      tenDays,
      [checkIn('g', '2025-01-04T09:00:00Z', 40), checkIn('g', '2025-01-09T09:00:00Z', 90)],
      '2025-01-05T12:00:00Z',
    );
    expect(p.latestValue).toBe(40);
    const defects = metricGoal({
      id: 'g',
      periodStart: '2025-01-01',
      periodEnd: '2025-01-10',
      metric: { unit: 'defects', start: 100, target: 20, current: null, direction: 'decrease' },
    });
    expect(
      pace(defects, [checkIn('g', '2025-01-05T09:00:00Z', 60)], '2025-01-05T12:00:00Z').actual,
    ).toBeCloseTo(0.5, 12);
  });

  it('counts a check-in before the period as the latest known value (it is flagged in the series)', () => {
    const p = pace(tenDays, [checkIn('g', '2024-12-28T09:00:00Z', 20)], '2025-01-02T12:00:00Z');
    expect(p.actual).toBeCloseTo(0.2, 12);
    expect(p.latestDay).toBe('2024-12-28');
    expect(p.status).toBe('on-track');
  });

  it('counts a 23:30 check-in on the last day for that day in the org zone', () => {
    const q1 = metricGoal({ id: 'g', periodStart: '2025-01-01', periodEnd: '2025-03-31' });
    const late = checkIn('g', '2025-03-31T23:30:00-04:00', 100);
    // 23:45 in New York on 31 March is already 1 April in UTC.
    const p = pace(q1, [late], '2025-04-01T03:45:00Z', 'America/New_York');
    expect(p.today).toBe('2025-03-31');
    expect(p.latestDay).toBe('2025-03-31');
    expect(p.status).toBe('on-track');
    // Read in UTC, the same check-in falls on 1 April, after the period, and is not yet counted.
    expect(pace(q1, [late], '2025-03-31T23:59:00Z', 'UTC').latestValue).toBeNull();
  });
});

describe('forecast', () => {
  it('extends a steady trend to the end date', () => {
    const ins = [1, 2, 3, 4].map((d) => checkIn('g', `2025-01-0${d}T09:00:00Z`, d * 8));
    const p = pace(tenDays, ins, '2025-01-04T12:00:00Z');
    expect(p.forecast.ok).toBe(true);
    if (p.forecast.ok) {
      expect(p.forecast.value.shareAtEnd).toBeCloseTo(0.8, 9);
      expect(p.forecast.value.valueAtEnd).toBeCloseTo(80, 9);
      expect(p.forecast.value.slopePerDay).toBeCloseTo(0.08, 9);
      expect(p.forecast.value.pointsUsed).toBe(4);
    }
  });

  it('fits only the recent window, so a stall after a good start shows', () => {
    const values = [10, 20, 30, 40, 40, 40];
    const ins = values.map((v, i) => checkIn('g', `2025-01-0${i + 1}T09:00:00Z`, v));
    const p = pace(
      tenDays,
      ins,
      '2025-01-06T12:00:00Z',
      'UTC',
      paceSettings({ forecastWindow: 3 }),
    );
    expect(p.forecast.ok && p.forecast.value.shareAtEnd).toBeCloseTo(0.4, 9);
  });

  it('says when there is too little data', () => {
    const one = pace(tenDays, [checkIn('g', '2025-01-02T09:00:00Z', 10)], '2025-01-05T12:00:00Z');
    expect(one.forecast.ok).toBe(false);
    if (!one.forecast.ok) expect(one.forecast.reason).toBe('too-little-data');
    const sameDay = pace(
      tenDays,
      [checkIn('g', '2025-01-02T09:00:00Z', 10), checkIn('g', '2025-01-02T15:00:00Z', 12)],
      '2025-01-05T12:00:00Z',
    );
    expect(!sameDay.forecast.ok && sameDay.forecast.message).toMatch(/same day/);
    // A check-in before the period is not part of the trend.
    const early = pace(
      tenDays,
      [checkIn('g', '2024-12-30T09:00:00Z', 5), checkIn('g', '2025-01-02T09:00:00Z', 10)],
      '2025-01-05T12:00:00Z',
    );
    expect(early.forecast.ok).toBe(false);
  });
});
