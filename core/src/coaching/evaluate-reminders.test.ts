import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { seededRandom } from '../goals/testing.ts';
import type { Goal } from '../model/performance.ts';
import type { CheckIn } from './check-in.ts';
import { indexCheckIns } from './check-in-index.ts';
import { CoachingEntry } from './coaching-entry.ts';
import { evaluateReminders, type ReminderInput } from './evaluate-reminders.ts';
import { ReminderSettings, ReminderState, type Reminder } from './reminder.ts';
import { checkIn, metricGoal } from './testing.ts';

const NOW = '2025-03-12T10:00:00Z'; // a Wednesday; the week bucket is Monday 2025-03-10
const people = [
  { id: 'p1', status: 'active' as const },
  { id: 'p2', status: 'active' as const },
  { id: 'p3', status: 'terminated' as const },
];
const half = { periodStart: '2025-01-01', periodEnd: '2025-06-30' }; // 181 days; 12 March is day 71

type RunFields = Omit<Partial<ReminderInput>, 'settings'> & {
  settings?: z.input<typeof ReminderSettings>;
};

function run(fields: RunFields, now = NOW): Reminder[] {
  return evaluateReminders({
    now: new Date(now),
    timeZone: 'UTC',
    people,
    goals: [],
    checkIns: [],
    coachingEntries: [],
    ...fields,
    state: fields.state ?? ReminderState.parse({}),
    settings: ReminderSettings.parse(fields.settings ?? {}),
  });
}

function summary(reminders: Reminder[]): string[] {
  return reminders.map(
    (r) => `${r.rule} ${r.subjectId} ${r.goalId ?? '-'} ${r.severity} ${r.bucket}`,
  );
}

function entry(
  fields: Partial<CoachingEntry> & { id: string; personId: string; date: string },
): CoachingEntry {
  return CoachingEntry.parse({ topic: 'pace', authorId: 'm1', ...fields });
}

describe('evaluateReminders rules', () => {
  it('behind-pace: fires at N points behind, medium, high from 2N; silent when on pace', () => {
    const goals = ['slow', 'stuck', 'fine'].map((id) => metricGoal({ id, ...half }));
    const checkIns = [
      checkIn('slow', '2025-03-10T09:00:00Z', 25), // expected 39.2%: 14.2 behind
      checkIn('stuck', '2025-03-10T09:00:00Z', 10), // 29.2 behind
      checkIn('fine', '2025-03-10T09:00:00Z', 35), // 4.2 behind
    ];
    const out = run({ goals, checkIns });
    expect(summary(out)).toEqual([
      'behind-pace p1 stuck high 2025-03-10',
      'behind-pace p1 slow medium 2025-03-10',
    ]);
    expect(out[1]?.params).toEqual({ gapPoints: 14.2, expectedPercent: 39.2, actualPercent: 25 });
    expect(
      run({ goals, checkIns, settings: { behindPacePoints: 15 } }).map((r) => r.goalId),
    ).toEqual(['stuck']);
  });

  it('behind-pace follows the goal curve from the settings', () => {
    const goals = [metricGoal({ id: 'seasonal', ...half })];
    const checkIns = [checkIn('seasonal', '2025-03-10T09:00:00Z', 25)];
    const curve = { kind: 'shares' as const, points: [{ at: 0.5, share: 0.2 }] };
    expect(run({ goals, checkIns, settings: { pace: { curves: { seasonal: curve } } } })).toEqual(
      [],
    );
  });

  it('no-check-in: N days since the last check-in on the goal or its key results, or since the start', () => {
    const goals = [
      metricGoal({ id: 'quiet', ...half }),
      metricGoal({ id: 'viaKr', ...half }),
      metricGoal({ id: 'never', periodStart: '2025-02-20', periodEnd: '2025-06-30' }),
      metricGoal({ id: 'young', periodStart: '2025-03-05', periodEnd: '2025-06-30' }),
    ];
    const checkIns = [
      checkIn('quiet', '2025-02-20T09:00:00Z', 40),
      checkIn('viaKr', '2025-01-10T09:00:00Z', 40),
      checkIn('viaKr', '2025-03-08T09:00:00Z', 4, { keyResultId: 'kr1' }),
    ];
    const out = run({ goals, checkIns, settings: { disabledRules: ['behind-pace'] } });
    expect(summary(out)).toEqual(
      ['no-check-in p1 never - low 2025-03-10', 'no-check-in p1 quiet low 2025-03-10']
        .map((s) => s.replace(' - ', ' never '.trim() === 'never' ? ' never ' : ' - '))
        .map((s) => s.replace('never never', 'never')),
    );
    expect(out.find((r) => r.goalId === 'quiet')?.params).toEqual({
      days: 20,
      lastCheckIn: '2025-02-20',
    });
    expect(out.find((r) => r.goalId === 'never')?.params).toEqual({ days: 20, lastCheckIn: null });
  });

  it('due-soon and overdue: only while the target is not reached', () => {
    const goals = [
      metricGoal({ id: 'due', periodStart: '2025-01-01', periodEnd: '2025-03-15' }),
      metricGoal({ id: 'dueDone', periodStart: '2025-01-01', periodEnd: '2025-03-15' }),
      metricGoal({ id: 'late', periodStart: '2025-01-01', periodEnd: '2025-03-01' }),
      metricGoal({ id: 'lateDone', periodStart: '2025-01-01', periodEnd: '2025-03-01' }),
      metricGoal({ id: 'far', periodStart: '2025-01-01', periodEnd: '2025-03-31' }),
    ];
    const checkIns = [
      checkIn('due', '2025-03-11T09:00:00Z', 90),
      checkIn('dueDone', '2025-03-11T09:00:00Z', 100),
      checkIn('late', '2025-03-11T09:00:00Z', 50),
      checkIn('lateDone', '2025-02-28T09:00:00Z', 120),
      checkIn('far', '2025-03-11T09:00:00Z', 90),
    ];
    const out = run({ goals, checkIns, settings: { dueWithinDays: 3 } });
    expect(summary(out)).toEqual([
      'overdue p1 late high 2025-03-01',
      'due-soon p1 due low 2025-03-15',
    ]);
    expect(out.map((r) => r.params)).toEqual([{ daysOver: 11 }, { daysLeft: 3 }]);
  });

  it('confidence-drop: between the last two check-ins that carry a confidence, at or beyond N', () => {
    const goals = ['drop', 'exact', 'small', 'rise'].map((id) => metricGoal({ id, ...half }));
    const pair = (id: string, a: number, b: number): CheckIn[] => [
      checkIn(id, '2025-03-01T09:00:00Z', 30, { confidence: a }),
      checkIn(id, '2025-03-05T09:00:00Z', 31, { confidence: null }),
      checkIn(id, '2025-03-08T09:00:00Z', 35, { confidence: b }),
    ];
    const checkIns = [
      ...pair('drop', 0.8, 0.5),
      ...pair('exact', 0.7, 0.5),
      ...pair('small', 0.7, 0.55),
      ...pair('rise', 0.4, 0.9),
    ];
    const out = run({ goals, checkIns, settings: { disabledRules: ['behind-pace'] } });
    expect(summary(out)).toEqual([
      'confidence-drop p1 drop medium 2025-03-08',
      'confidence-drop p1 exact medium 2025-03-08',
    ]);
    expect(out[0]?.params).toEqual({ from: 0.8, to: 0.5 });
  });

  it('follow-up-due: once the date has come, unless a later conversation happened', () => {
    const coachingEntries = [
      entry({
        id: 'e1',
        personId: 'p1',
        date: '2025-03-01',
        followUpOn: '2025-03-10',
        goalIds: ['g9'],
      }),
      entry({ id: 'e2', personId: 'p2', date: '2025-02-01', followUpOn: '2025-02-15' }),
      entry({ id: 'e3', personId: 'p2', date: '2025-02-20', followUpOn: '2025-04-01' }),
      entry({ id: 'e4', personId: 'p3', date: '2025-02-01', followUpOn: '2025-02-15' }),
    ];
    const out = run({ coachingEntries });
    expect(summary(out)).toEqual(['follow-up-due p1 g9 medium 2025-03-10']);
    expect(out[0]?.params).toEqual({ entryId: 'e1', daysLate: 2 });
  });

  it('looks only at active goals of active people', () => {
    const goals: Goal[] = [
      metricGoal({ id: 'gone', ...half, owner: { kind: 'person', id: 'p3' } }),
      metricGoal({ id: 'unit', ...half, owner: { kind: 'unit', id: 'u1' } }),
      metricGoal({ id: 'draft', ...half, status: 'draft' }),
      metricGoal({ id: 'future', periodStart: '2025-04-01', periodEnd: '2025-06-30' }),
    ];
    expect(run({ goals })).toEqual([]);
  });

  it('counts days in the org zone: a 23:30 New York check-in is not a day late', () => {
    const goals = [metricGoal({ id: 'ny', ...half })];
    const checkIns = [checkIn('ny', '2025-02-26T23:30:00-05:00', 40)];
    const base = { goals, checkIns, settings: { disabledRules: ['behind-pace' as const] } };
    // 13 local days later (11 March, 23:59 in New York = 12 March 03:59 UTC): not yet 14.
    const ny = evaluateReminders({
      now: new Date('2025-03-12T03:59:00Z'),
      timeZone: 'America/New_York',
      people,
      goals,
      checkIns,
      coachingEntries: [],
      state: ReminderState.parse({}),
      settings: ReminderSettings.parse(base.settings),
    });
    expect(ny).toEqual([]);
    // Read in UTC the same instants are 27 Feb and 12 March: 13 days as well, while 13 March makes 14.
    expect(run(base, '2025-03-13T10:00:00Z').map((r) => r.params.days)).toEqual([14]);
  });
});

describe('evaluateReminders no-check-in counts from the goal creation', () => {
  it('a goal created a minute ago is not silent since its period start; its own age counts', () => {
    const goals = [
      metricGoal({ id: 'new', ...half, createdAt: Date.parse('2025-03-12T09:59:00Z') }),
      metricGoal({ id: 'month', ...half, createdAt: Date.parse('2025-02-10T09:00:00Z') }),
      metricGoal({ id: 'old', ...half }),
      // Created before its period: the period start still counts.
      metricGoal({ id: 'early', ...half, createdAt: Date.parse('2024-12-01T09:00:00Z') }),
    ];
    const checkIns = [checkIn('month', '2025-01-20T09:00:00Z', 30)];
    const out = run({ goals, checkIns, settings: { disabledRules: ['behind-pace'] } });
    const days = Object.fromEntries(out.map((r) => [r.goalId, r.params.days]));
    expect(days).toEqual({ month: 30, old: 70, early: 70 });
  });
});

describe('evaluateReminders dedupe, snooze and done', () => {
  const goals = [metricGoal({ id: 'slow', ...half })];
  const checkIns = [checkIn('slow', '2025-03-10T09:00:00Z', 20)];

  it('gives stable keys: rule, subject, goal and bucket', () => {
    const [first] = run({ goals, checkIns });
    expect(first?.key).toBe('behind-pace|p1|slow|2025-03-10');
    expect(first?.streamKey).toBe('behind-pace|p1|slow');
    // Later the same week: same key; next week: a new one.
    expect(run({ goals, checkIns }, '2025-03-16T20:00:00Z')[0]?.key).toBe(first?.key);
    expect(run({ goals, checkIns }, '2025-03-17T08:00:00Z')[0]?.key).toBe(
      'behind-pace|p1|slow|2025-03-17',
    );
  });

  it('a handled or done reminder does not repeat in its bucket, and comes back in the next one', () => {
    const key = 'behind-pace|p1|slow|2025-03-10';
    for (const state of [
      ReminderState.parse({ handledKeys: [key] }),
      ReminderState.parse({ done: { [key]: '2025-03-12' } }),
    ]) {
      expect(run({ goals, checkIns, state })).toEqual([]);
      expect(run({ goals, checkIns, state }, '2025-03-14T10:00:00Z')).toEqual([]);
      expect(run({ goals, checkIns, state }, '2025-03-17T10:00:00Z').length).toBe(1);
    }
  });

  it('a snooze spans buckets and ends on its date', () => {
    const state = ReminderState.parse({ snoozedUntil: { 'behind-pace|p1|slow': '2025-03-20' } });
    expect(run({ goals, checkIns, state })).toEqual([]);
    expect(run({ goals, checkIns, state }, '2025-03-19T22:00:00Z')).toEqual([]);
    expect(run({ goals, checkIns, state }, '2025-03-20T00:00:00Z').length).toBe(1);
  });

  it('is deterministic: shuffled inputs, indexed or not, give the same list sorted by severity', () => {
    const rand = seededRandom(99);
    const many: Goal[] = [];
    const ins: CheckIn[] = [];
    for (let i = 0; i < 60; i++) {
      const id = `g${i}`;
      many.push(
        metricGoal({
          id,
          ...half,
          periodEnd: i % 7 === 0 ? '2025-03-01' : '2025-06-30',
          owner: { kind: 'person', id: i % 2 ? 'p1' : 'p2' },
        }),
      );
      for (let w = 0; w < 8; w++) {
        ins.push(
          checkIn(
            id,
            new Date(Date.UTC(2025, 0, 6 + w * 7, 9)).toISOString(),
            Math.round(rand() * 60),
            { confidence: Math.round(rand() * 10) / 10 },
          ),
        );
      }
    }
    const a = run({ goals: many, checkIns: ins });
    const shuffled = [...ins].sort(() => rand() - 0.5);
    const b = run({ goals: [...many].reverse(), checkIns: indexCheckIns(shuffled, 'UTC') });
    expect(b).toEqual(a);
    expect(a.length).toBeGreaterThan(10);
    const ranks = a.map((r) => ({ high: 0, medium: 1, low: 2 })[r.severity]);
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
    expect(new Set(a.map((r) => r.key)).size).toBe(a.length);
  });
});
