import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { evaluateReminders } from '../coaching/evaluate-reminders.ts';
import { ReminderSettings } from '../coaching/reminder.ts';
import { metricGoal } from '../coaching/testing.ts';
import {
  applyCheckInImport,
  orphanedCheckIns,
  readCheckIns,
  reassignCheckIn,
  recordCheckIn,
} from './coaching-docs-check-ins.ts';
import {
  addAgendaItem,
  entriesForGoal,
  putCoachingEntry,
  readCoachingLog,
  readOneOnOne,
  setAgendaItemDone,
  startMeeting,
} from './coaching-docs-log.ts';
import {
  markNotified,
  markReminderDone,
  pruneReminderState,
  readNotifiedKeys,
  readReminderState,
  snoozeReminder,
} from './coaching-docs-prefs.ts';
import { putGoal, setGoalDeleted, type GoalDocTarget } from './goal-docs.ts';

const TEAM: GoalDocTarget = { docName: 'org/acme/team/u1', org: 'acme', private: false };
const NOW = new Date('2025-03-12T10:00:00Z');
const ctx = { now: NOW, timeZone: 'UTC' };

function teamDoc(): Y.Doc {
  const doc = new Y.Doc();
  for (const id of ['g1', 'g2']) {
    const put = putGoal(
      doc,
      TEAM,
      metricGoal({ id, periodStart: '2025-01-01', periodEnd: '2025-06-30' }),
      { now: 0 },
    );
    expect(put.ok).toBe(true);
  }
  return doc;
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

const draft = (fields: Record<string, unknown> = {}) => ({
  id: 'c1',
  goalId: 'g1',
  at: '2025-03-11T09:00:00Z',
  value: 20,
  authorId: 'p1',
  ...fields,
});

describe('check-ins in a goal document', () => {
  it('refuses a value that is not a number, naming what arrived, and writes nothing', () => {
    const doc = teamDoc();
    const out = recordCheckIn(doc, draft({ value: '12,5 units' }), ctx);
    expect(out).toMatchObject({ ok: false, reason: 'value-not-a-number' });
    if (!out.ok)
      expect(out.message).toBe('a check-in value must be a number, got the text "12,5 units"');
    expect(recordCheckIn(doc, draft({ value: Number.NaN }), ctx)).toMatchObject({
      ok: false,
      reason: 'value-not-a-number',
    });
    expect(readCheckIns(doc).checkIns).toEqual([]);
  });

  it('asks before accepting a date far in the future, and accepts it once confirmed', () => {
    const doc = teamDoc();
    const far = draft({ at: '2052-03-11T09:00:00Z' });
    const out = recordCheckIn(doc, far, ctx);
    expect(out).toMatchObject({ ok: false, reason: 'far-future' });
    expect(readCheckIns(doc).checkIns).toEqual([]);
    expect(recordCheckIn(doc, far, { ...ctx, confirmFuture: true }).ok).toBe(true);
    // Tomorrow is within the default tolerance (a check-in typed late at night in another zone).
    expect(recordCheckIn(doc, draft({ id: 'c2', at: '2025-03-13T09:00:00Z' }), ctx).ok).toBe(true);
  });

  it('asks before accepting a date long before the goal period, and accepts it once confirmed', () => {
    const doc = teamDoc();
    const old = draft({ at: '2020-06-01T09:00:00Z' });
    expect(recordCheckIn(doc, old, ctx)).toMatchObject({
      ok: false,
      reason: 'before-period',
      details: { daysBefore: 1675, periodStart: '2025-01-01' },
    });
    expect(readCheckIns(doc).checkIns).toEqual([]);
    expect(recordCheckIn(doc, old, { ...ctx, confirmBeforePeriod: true }).ok).toBe(true);
    // A baseline a few weeks before the start is ordinary.
    expect(recordCheckIn(doc, draft({ id: 'c2', at: '2024-12-10T09:00:00Z' }), ctx).ok).toBe(true);
  });

  it('asks before accepting a value far outside start..target, lower-is-better too', () => {
    const doc = teamDoc();
    const lower = metricGoal({ id: 'g3', periodStart: '2025-01-01', periodEnd: '2025-06-30' });
    lower.metric = { unit: 'days', start: 3.9, target: 2.5, current: null, direction: 'decrease' };
    expect(putGoal(doc, TEAM, lower, { now: 0 }).ok).toBe(true);
    const wild = draft({ goalId: 'g3', value: -100 });
    expect(recordCheckIn(doc, wild, ctx)).toMatchObject({
      ok: false,
      reason: 'value-out-of-range',
      details: { percent: 7421, start: 3.9, target: 2.5 },
    });
    expect(readCheckIns(doc).checkIns).toEqual([]);
    expect(recordCheckIn(doc, wild, { ...ctx, confirmOutOfRange: true }).ok).toBe(true);
    // Overshooting a little, or slipping back, is ordinary: 2.0 is 136%, 4.5 is -43%.
    expect(recordCheckIn(doc, draft({ id: 'c2', goalId: 'g3', value: 2 }), ctx).ok).toBe(true);
    expect(recordCheckIn(doc, draft({ id: 'c3', goalId: 'g3', value: 4.5 }), ctx).ok).toBe(true);
    // On 0 -> 100: -101 is below -100%, 301 above 300%.
    expect(recordCheckIn(doc, draft({ id: 'c4', value: 301 }), ctx)).toMatchObject({
      reason: 'value-out-of-range',
    });
    expect(recordCheckIn(doc, draft({ id: 'c5', value: -101 }), ctx)).toMatchObject({
      reason: 'value-out-of-range',
    });
    expect(recordCheckIn(doc, draft({ id: 'c6', value: 300 }), ctx).ok).toBe(true);
  });

  it('refuses a value for a goal another client deleted, keeping the draft to the caller', () => {
    const a = teamDoc();
    const b = new Y.Doc();
    sync(a, b);
    expect(setGoalDeleted(b, 'g1', true).ok).toBe(true);
    sync(a, b);
    const out = recordCheckIn(a, draft(), ctx);
    expect(out).toMatchObject({ ok: false, reason: 'goal-deleted' });
    expect(recordCheckIn(a, draft({ goalId: 'nope' }), ctx)).toMatchObject({
      reason: 'goal-not-found',
    });
  });

  it('keeps a value written while the goal was being deleted elsewhere, and lets it be moved', () => {
    const a = teamDoc();
    const b = new Y.Doc();
    sync(a, b);
    // Offline at the same time: A records a value, B deletes the goal.
    expect(recordCheckIn(a, draft(), ctx).ok).toBe(true);
    expect(setGoalDeleted(b, 'g1', true).ok).toBe(true);
    sync(a, b);
    for (const doc of [a, b]) {
      const { checkIns } = readCheckIns(doc);
      expect(checkIns.map((c) => c.value)).toEqual([20]);
      const orphans = orphanedCheckIns(doc, checkIns);
      expect(orphans.map((o) => o.reason)).toEqual(['goal-deleted']);
      expect(orphans[0]?.message).toContain('it is kept');
    }
    expect(reassignCheckIn(a, 'c1', 'g1')).toMatchObject({ ok: false, reason: 'goal-deleted' });
    expect(reassignCheckIn(a, 'c1', 'g2').ok).toBe(true);
    sync(a, b);
    expect(orphanedCheckIns(b, readCheckIns(b).checkIns)).toEqual([]);
  });

  it('applies an import plan once: a re-import replaces, never duplicates', () => {
    const doc = teamDoc();
    const goal = metricGoal({ id: 'imp-x', periodStart: '2025-01-01', periodEnd: '2025-03-31' });
    const checkIns = [1, 2].map((d) => ({
      ...draft({ id: `imp-x:2025-01-0${d}`, goalId: 'imp-x', at: `2025-01-0${d}T12:00:00Z` }),
      keyResultId: null,
      confidence: null,
      note: '',
      blockers: [],
    }));
    const plan = {
      series: [
        {
          goalId: 'imp-x',
          subject: { kind: 'person' as const, id: 'p1', name: 'P' },
          metric: { name: 'x', unit: '' },
          points: [],
          goal,
          curve: null,
        },
      ],
      checkIns,
    };
    expect(applyCheckInImport(doc, TEAM, plan, { now: 0 })).toEqual({
      goalsCreated: 1,
      checkIns: 2,
      skipped: [],
    });
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    expect(applyCheckInImport(doc, TEAM, plan, { now: 0 })).toEqual({
      goalsCreated: 0,
      checkIns: 0,
      skipped: [],
    });
    expect(updates).toEqual([]);
    expect(readCheckIns(doc).checkIns).toHaveLength(2);
  });
});

describe('coaching log', () => {
  const entry = (fields: Record<string, unknown>) => ({
    personId: 'p1',
    topic: 'Pace of Q1 sales',
    authorId: 'm1',
    ...fields,
  });

  it('keeps entries about the document person, newest first, findable by goal', () => {
    const doc = new Y.Doc();
    expect(
      putCoachingEntry(doc, 'p1', entry({ id: 'e1', date: '2025-03-01', goalIds: ['g1'] }), ctx).ok,
    ).toBe(true);
    expect(putCoachingEntry(doc, 'p1', entry({ id: 'e2', date: '2025-03-08' }), ctx).ok).toBe(true);
    expect(
      putCoachingEntry(doc, 'p1', entry({ id: 'e3', date: '2025-03-09', personId: 'p2' }), ctx),
    ).toMatchObject({ ok: false, reason: 'wrong-person' });
    expect(
      putCoachingEntry(doc, 'p1', entry({ id: 'e4', date: '2025-03-09', topic: '' }), ctx),
    ).toMatchObject({ ok: false, reason: 'invalid-entry' });
    const { entries } = readCoachingLog(doc);
    expect(entries.map((e) => e.id)).toEqual(['e2', 'e1']);
    expect(entriesForGoal(entries, 'g1').map((e) => e.id)).toEqual(['e1']);
  });

  it('refuses a follow-up before the conversation and asks before a date far ahead', () => {
    const doc = new Y.Doc();
    const backwards = entry({ id: 'e1', date: '2030-05-05', followUpOn: '2020-01-01' });
    expect(putCoachingEntry(doc, 'p1', backwards, { ...ctx, confirmFuture: true })).toMatchObject({
      ok: false,
      reason: 'follow-up-before-date',
      details: { date: '2030-05-05', followUpOn: '2020-01-01' },
    });
    const future = entry({ id: 'e1', date: '2030-05-05', followUpOn: '2030-05-12' });
    expect(putCoachingEntry(doc, 'p1', future, ctx)).toMatchObject({
      ok: false,
      reason: 'far-future',
      details: { daysAhead: 1880 },
    });
    expect(readCoachingLog(doc).entries).toEqual([]);
    expect(putCoachingEntry(doc, 'p1', future, { ...ctx, confirmFuture: true }).ok).toBe(true);
    // The same day for both, and tomorrow's conversation, are fine without asking.
    const sameDay = entry({ id: 'e2', date: '2025-03-13', followUpOn: '2025-03-13' });
    expect(putCoachingEntry(doc, 'p1', sameDay, ctx).ok).toBe(true);
  });

  it('brings a follow-up date back as a reminder until a later conversation', () => {
    const doc = new Y.Doc();
    putCoachingEntry(
      doc,
      'p1',
      entry({ id: 'e1', date: '2025-03-01', followUpOn: '2025-03-10' }),
      ctx,
    );
    const run = () =>
      evaluateReminders({
        now: NOW,
        timeZone: 'UTC',
        people: [{ id: 'p1', status: 'active' }],
        goals: [],
        checkIns: [],
        coachingEntries: readCoachingLog(doc).entries,
        state: { done: {}, snoozedUntil: {}, handledKeys: [] },
        settings: ReminderSettings.parse({}),
      }).map((r) => r.rule);
    expect(run()).toEqual(['follow-up-due']);
    putCoachingEntry(doc, 'p1', entry({ id: 'e2', date: '2025-03-11' }), ctx);
    expect(run()).toEqual([]);
  });
});

describe('shared 1:1 agenda', () => {
  it('carries open points to the next meeting, remembering where they first came up', () => {
    const doc = new Y.Doc();
    let n = 0;
    const newId = () => `i${++n}`;
    expect(startMeeting(doc, { id: 'm1', date: '2025-03-01' }, newId).ok).toBe(true);
    for (const [id, text] of [
      ['a', 'Training budget'],
      ['b', 'Blocked on data access'],
      ['c', 'Holiday plan'],
    ] as const) {
      expect(addAgendaItem(doc, { id, meetingId: 'm1', text, ownerId: 'p1' }).ok).toBe(true);
    }
    setAgendaItemDone(doc, 'c', true);
    const second = startMeeting(doc, { id: 'm2', date: '2025-03-15' }, newId);
    expect(second.ok && second.value.carried.map((i) => i.text)).toEqual([
      'Training budget',
      'Blocked on data access',
    ]);
    expect(
      addAgendaItem(doc, { id: 'late', meetingId: 'm1', text: 'x', ownerId: 'm1' }),
    ).toMatchObject({ ok: false, reason: 'meeting-held' });
    setAgendaItemDone(doc, 'i1', true);
    startMeeting(doc, { id: 'm3', date: '2025-03-29' }, newId);
    const view = readOneOnOne(doc);
    expect(view.upcoming?.id).toBe('m3');
    expect(view.meetings.map((m) => [m.id, m.held])).toEqual([
      ['m1', true],
      ['m2', true],
      ['m3', false],
    ]);
    expect(view.items.get('m3')).toMatchObject([
      { text: 'Blocked on data access', carriedOverFrom: 'm2', firstRaisedIn: 'm1', done: false },
    ]);
    // The first meeting keeps its agenda as it was.
    expect(view.items.get('m1')?.map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('reminder state in the prefs document', () => {
  it('merges answers given on two offline devices and feeds the evaluator', () => {
    const laptop = new Y.Doc();
    const phone = new Y.Doc();
    markReminderDone(laptop, 'behind-pace|p1|g1|2025-03-10', '2025-03-12');
    snoozeReminder(phone, 'no-check-in|p1|g2', '2025-03-20');
    markNotified(phone, ['due-soon|p1|g3|2025-03-15'], '2025-03-12');
    sync(laptop, phone);
    for (const doc of [laptop, phone]) {
      expect(readReminderState(doc)).toEqual({
        done: { 'behind-pace|p1|g1|2025-03-10': '2025-03-12' },
        snoozedUntil: { 'no-check-in|p1|g2': '2025-03-20' },
        handledKeys: [],
      });
      expect([...readNotifiedKeys(doc)]).toEqual(['due-soon|p1|g3|2025-03-15']);
    }
    expect(pruneReminderState(laptop, '2025-03-15')).toBe(2);
    expect(readReminderState(laptop).snoozedUntil).toEqual({ 'no-check-in|p1|g2': '2025-03-20' });
  });
});
