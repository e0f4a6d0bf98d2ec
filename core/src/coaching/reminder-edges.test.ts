import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Goal } from '../model/performance.ts';
import type { CheckIn } from './check-in.ts';
import { indexCheckIns } from './check-in-index.ts';
import { summarizeCheckIns } from './check-in-summary.ts';
import { evaluateReminders } from './evaluate-reminders.ts';
import { ReminderSettings, ReminderState, type Reminder } from './reminder.ts';
import { CoachingEntry } from './coaching-entry.ts';
import { checkIn, metricGoal } from './testing.ts';

/**
 * Edges of the reminder rules: exact thresholds, a goal that starts in the future, a period of
 * one day, a check-in dated before its period, local midnight in a zone ahead of UTC (deadlines,
 * weeks, follow-ups), both daylight-saving changes, check-ins after today and at one instant. Every case runs on the check-in objects, on an index and on a summary, which must agree.
 */

const people = [{ id: 'p1', status: 'active' as const }];

function run(
  goals: Goal[],
  checkIns: CheckIn[],
  now: string,
  timeZone = 'UTC',
  settings: z.input<typeof ReminderSettings> = {},
): Reminder[] {
  const base = {
    now: new Date(now),
    timeZone,
    people,
    goals,
    coachingEntries: [],
    state: ReminderState.parse({}),
    settings: ReminderSettings.parse(settings),
  };
  const plain = evaluateReminders({ ...base, checkIns });
  expect(evaluateReminders({ ...base, checkIns: indexCheckIns(checkIns, timeZone) })).toEqual(
    plain,
  );
  expect(evaluateReminders({ ...base, checkIns: summarizeCheckIns(checkIns, timeZone) })).toEqual(
    plain,
  );
  return plain;
}

function lines(reminders: Reminder[]): string[] {
  return reminders.map((r) => `${r.rule} ${r.goalId ?? '-'} ${r.severity} ${r.bucket}`);
}

const half = { periodStart: '2025-01-01', periodEnd: '2025-06-30' }; // 181 days

describe('reminder rules at the edges', () => {
  it('behind-pace: exactly N points behind is medium, exactly 2N is high, just under N is quiet', () => {
    // Target 181 over 181 days: on 12 March (day 71) the line expects 71.
    const goal = (id: string) =>
      metricGoal({ id, ...half, metric: { ...metricGoal({ id }).metric!, target: 181 } });
    const goals = ['at10', 'at20', 'under'].map(goal);
    const checkIns = [
      checkIn('at10', '2025-03-12T08:00:00Z', 52.9),
      checkIn('at20', '2025-03-12T08:00:00Z', 34.8),
      checkIn('under', '2025-03-12T08:00:00Z', 53),
    ];
    const out = run(goals, checkIns, '2025-03-12T10:00:00Z');
    expect(lines(out)).toEqual([
      'behind-pace at20 high 2025-03-10',
      'behind-pace at10 medium 2025-03-10',
    ]);
    expect(out.map((r) => r.params.gapPoints)).toEqual([20, 10]);
  });

  it('a goal that starts in the future raises nothing until it starts; silence counts from its start', () => {
    const goals = [metricGoal({ id: 'later', periodStart: '2025-04-01', periodEnd: '2025-06-30' })];
    // Measured before the period (a baseline): kept as the latest value, not as a check-in "in" it.
    const checkIns = [checkIn('later', '2025-03-05T09:00:00Z', 10)];
    expect(run(goals, checkIns, '2025-03-12T10:00:00Z')).toEqual([]);
    expect(run(goals, checkIns, '2025-03-31T23:59:00Z')).toEqual([]);
    // 14 April is 13 days after the start: quiet; 15 April is 14: the no-check-in reminder.
    expect(run(goals, checkIns, '2025-04-14T10:00:00Z')).toEqual([]);
    const out = run(goals, checkIns, '2025-04-15T10:00:00Z');
    expect(lines(out)).toEqual(['no-check-in later low 2025-04-14']);
    expect(out[0]?.params).toEqual({ days: 14, lastCheckIn: '2025-03-05' });
    // The pre-period value is what progress is read from: 10% against 15/91 expected is 6.5
    // behind: quiet at the default 10 points, a reminder at 6.
    expect(
      lines(run(goals, checkIns, '2025-04-15T10:00:00Z', 'UTC', { behindPacePoints: 6 })),
    ).toEqual(['behind-pace later medium 2025-04-14', 'no-check-in later low 2025-04-14']);
  });

  it('a check-in before the period with nothing after it: the goal is silent from its start', () => {
    const goals = [metricGoal({ id: 'g', ...half })];
    const checkIns = [checkIn('g', '2024-12-20T09:00:00Z', 5)];
    const out = run(goals, checkIns, '2025-01-15T10:00:00Z', 'UTC', {
      disabledRules: ['behind-pace'],
    });
    expect(out.map((r) => r.params)).toEqual([{ days: 14, lastCheckIn: '2024-12-20' }]);
  });

  it('a zero-length period: nothing the day before, due and behind on its day, overdue after', () => {
    const day = { periodStart: '2025-03-12', periodEnd: '2025-03-12' };
    const goals = [metricGoal({ id: 'one', ...day }), metricGoal({ id: 'done', ...day })];
    const checkIns = [
      checkIn('one', '2025-03-12T08:00:00Z', 40),
      checkIn('done', '2025-03-12T08:00:00Z', 100),
    ];
    expect(run(goals, checkIns, '2025-03-11T23:00:00Z')).toEqual([]);
    const on = run(goals, checkIns, '2025-03-12T20:00:00Z');
    expect(lines(on)).toEqual(['behind-pace one high 2025-03-10', 'due-soon one low 2025-03-12']);
    expect(on.map((r) => r.params)).toEqual([
      { gapPoints: 60, expectedPercent: 100, actualPercent: 40 },
      { daysLeft: 0 },
    ]);
    const after = run(goals, checkIns, '2025-03-13T00:30:00Z');
    expect(lines(after)).toEqual(['overdue one high 2025-03-12']);
    expect(after[0]?.params).toEqual({ daysOver: 1 });
  });

  it('local midnight in Tokyo: due-soon turns overdue, and the week turns, at 00:00 there', () => {
    const goals = [metricGoal({ id: 'q1', periodStart: '2025-01-01', periodEnd: '2025-03-31' })];
    const checkIns = [checkIn('q1', '2025-03-28T09:00:00+09:00', 95)];
    // 23:59 on 31 March in Tokyo, then 00:00 on 1 April (15:00 UTC, still 31 March in UTC).
    expect(lines(run(goals, checkIns, '2025-03-31T14:59:00Z', 'Asia/Tokyo'))).toEqual([
      'due-soon q1 low 2025-03-31',
    ]);
    expect(lines(run(goals, checkIns, '2025-03-31T15:00:00Z', 'Asia/Tokyo'))).toEqual([
      'overdue q1 high 2025-03-31',
    ]);
    expect(lines(run(goals, checkIns, '2025-03-31T15:00:00Z', 'UTC'))).toEqual([
      'due-soon q1 low 2025-03-31',
    ]);
    // Sunday 16 March 15:30 UTC is Monday 17 March 00:30 in Tokyo: the weekly bucket follows.
    const slow = [metricGoal({ id: 'slow', ...half })];
    const low = [checkIn('slow', '2025-03-10T09:00:00Z', 5)];
    expect(run(slow, low, '2025-03-16T15:30:00Z', 'Asia/Tokyo')[0]?.bucket).toBe('2025-03-17');
    expect(run(slow, low, '2025-03-16T15:30:00Z', 'UTC')[0]?.bucket).toBe('2025-03-10');
  });

  it('daylight saving in Berlin: days are calendar days, in spring (23 hours) and autumn (25)', () => {
    const goals = [metricGoal({ id: 'g', periodStart: '2025-01-01', periodEnd: '2025-12-31' })];
    const quiet = { disabledRules: ['behind-pace' as const] };
    // Spring: clocks go forward on 30 March. 20 March 23:30 local -> 3 April is 14 days.
    const spring = [checkIn('g', '2025-03-20T23:30:00+01:00', 30)];
    expect(run(goals, spring, '2025-04-02T23:59:00+02:00', 'Europe/Berlin', quiet)).toEqual([]);
    const fired = run(goals, spring, '2025-04-03T00:01:00+02:00', 'Europe/Berlin', quiet);
    expect(fired.map((r) => r.params)).toEqual([{ days: 14, lastCheckIn: '2025-03-20' }]);
    // Autumn: clocks go back on 26 October. 25 October 00:30 local -> 8 November is 14 days.
    const autumn = [checkIn('g', '2025-10-25T00:30:00+02:00', 80)];
    expect(run(goals, autumn, '2025-11-07T23:59:00+01:00', 'Europe/Berlin', quiet)).toEqual([]);
    expect(
      run(goals, autumn, '2025-11-08T00:01:00+01:00', 'Europe/Berlin', quiet).map(
        (r) => r.params.days,
      ),
    ).toEqual([14]);
    // The expected line counts the local day too: 00:30 on 3 April in Berlin is 2 April in UTC.
    const low = [checkIn('g', '2025-03-20T23:30:00+01:00', 5)];
    const paceOnly = { disabledRules: ['no-check-in' as const] };
    const behind = run(goals, low, '2025-04-03T00:30:00+02:00', 'Europe/Berlin', paceOnly);
    expect(behind[0]?.params.expectedPercent).toBe(25.5); // 93 of 365 days
    const inUtc = run(goals, low, '2025-04-03T00:30:00+02:00', 'UTC', paceOnly);
    expect(inUtc[0]?.params.expectedPercent).toBe(25.2); // 92 of 365 days
  });

  it('follow-up-due: due from 00:00 of its date in the org zone; an entry on that day settles it', () => {
    const followUp = (fields: Partial<CoachingEntry> & { id: string; date: string }) =>
      CoachingEntry.parse({ personId: 'p1', topic: 'pace', authorId: 'm1', ...fields });
    const entries = [followUp({ id: 'e1', date: '2025-03-01', followUpOn: '2025-03-12' })];
    const at = (now: string, timeZone: string, coachingEntries = entries) =>
      evaluateReminders({
        now: new Date(now),
        timeZone,
        people,
        goals: [],
        checkIns: summarizeCheckIns([], timeZone),
        coachingEntries,
        state: ReminderState.parse({}),
        settings: ReminderSettings.parse({}),
      });
    // 14:59 UTC on 11 March is 23:59 in Tokyo; 15:00 UTC is 00:00 on 12 March there.
    expect(at('2025-03-11T14:59:00Z', 'Asia/Tokyo')).toEqual([]);
    const due = at('2025-03-11T15:00:00Z', 'Asia/Tokyo');
    expect(lines(due)).toEqual(['follow-up-due - medium 2025-03-12']);
    expect(due[0]?.params).toEqual({ entryId: 'e1', daysLate: 0 });
    expect(at('2025-03-11T15:00:00Z', 'UTC')).toEqual([]);
    const held = [...entries, followUp({ id: 'e2', date: '2025-03-12' })];
    expect(at('2025-03-20T10:00:00Z', 'UTC', held)).toEqual([]);
  });

  it('confidence-drop ignores check-ins dated after today, and two at one instant go by id', () => {
    const goals = [metricGoal({ id: 'c', ...half })];
    const checkIns = [
      checkIn('c', '2025-03-01T09:00:00Z', 30, { id: 'a1', confidence: 0.9 }),
      checkIn('c', '2025-03-08T09:00:00Z', 31, { id: 'b2', confidence: 0.8 }),
      checkIn('c', '2025-03-08T09:00:00Z', 31, { id: 'b1', confidence: 0.4 }),
      checkIn('c', '2025-03-20T09:00:00Z', 32, { id: 'z9', confidence: 0.1 }),
    ];
    const settings = { disabledRules: ['behind-pace' as const] };
    // On 12 March: the later of the two 8 March check-ins is b2 (0.8), after b1 (0.4): a rise.
    expect(run(goals, checkIns, '2025-03-12T10:00:00Z', 'UTC', settings)).toEqual([]);
    const later = run(goals, checkIns, '2025-03-20T10:00:00Z', 'UTC', settings);
    expect(lines(later)).toEqual(['confidence-drop c medium 2025-03-20']);
    expect(later[0]?.params).toEqual({ from: 0.8, to: 0.1 });
  });
});
