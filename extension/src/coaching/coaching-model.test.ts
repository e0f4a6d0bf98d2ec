import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  markReminderDone,
  putGoal,
  readDirectory,
  recordCheckIn,
  setGoalDeleted,
} from '../core-browser.ts';
import { translator } from '../i18n/i18n.ts';
import { notificationId, personOfNotification } from './background-reminders.ts';
import { valueFromText } from './check-in-form.tsx';
import {
  chainReports,
  coachingDocNames,
  readCoachingData,
  remindersFor,
} from './coaching-model.ts';
import { reminderText } from './reminder-text.ts';

const claims = { personId: 'm1', org: 'acme', role: 'member' as const, exp: null };
const NOW = new Date('2025-03-12T10:00:00Z');

function setup() {
  const dirDoc = new Y.Doc();
  dirDoc.getMap('meta').set('org', { id: 'acme', name: 'Acme', timeZone: 'UTC', locale: 'en' });
  dirDoc
    .getMap('units')
    .set('u1', { id: 'u1', name: 'Sales', kind: 'team', parentId: null, headId: 'm1' });
  for (const [id, managerId] of [
    ['m1', null],
    ['e1', 'm1'],
    ['e2', 'e1'],
    ['x1', null],
  ] as const) {
    dirDoc.getMap('people').set(id, { id, name: id.toUpperCase(), unitId: 'u1', managerId });
  }
  const directory = readDirectory(dirDoc);
  const names = coachingDocNames(claims, directory);
  const team = new Y.Doc();
  const target = { docName: 'org/acme/team/u1', org: 'acme', private: false };
  for (const [id, owner, value] of [
    ['g1', 'e1', 10],
    ['g2', 'e2', 12],
    ['g3', 'x1', 0],
  ] as const) {
    putGoal(
      team,
      target,
      {
        id,
        title: `Goal ${id}`,
        owner: { kind: 'person', id: owner },
        parentId: null,
        periodStart: '2025-01-01',
        periodEnd: '2025-06-30',
        metric: { unit: '', start: 0, target: 100, current: null, direction: 'increase' },
      },
      { now: 0 },
    );
    const at = '2025-03-10T09:00:00Z';
    const ok = recordCheckIn(
      team,
      { id: `c-${id}`, goalId: id, at, value, authorId: owner },
      {
        now: NOW,
        timeZone: 'UTC',
      },
    );
    expect(ok.ok).toBe(true);
  }
  const prefs = new Y.Doc();
  const docs = new Map<string, Y.Doc>([
    ['org/acme/team/u1', team],
    [names.prefs, prefs],
  ]);
  return { directory, names, team, prefs, docs };
}

describe('coaching model', () => {
  it('reminds a manager about their whole chain, not about other teams', () => {
    const { directory, names, docs } = setup();
    expect(chainReports(directory, 'm1')).toEqual(['e1', 'e2']);
    expect(names.goals).toContain('org/acme/team/u1');
    expect([...names.coaching.keys()]).toEqual(['e1', 'e2']);
    const reminders = remindersFor(readCoachingData(docs, names, directory), directory, 'm1', NOW);
    expect(reminders.map((r) => `${r.rule} ${r.subjectId} ${r.goalId}`)).toEqual([
      'behind-pace e1 g1',
      'behind-pace e2 g2',
    ]);
    const text = reminderText(reminders[0]!, 'Goal g1', translator('en'));
    expect(text).toBe('29.2 points behind pace on “Goal g1” (expected 39.2%, at 10%)');
  });

  it("reminds a manager about their team's own goal, not about another team's", () => {
    const { directory, names, docs, team } = setup();
    const target = { docName: 'org/acme/team/u1', org: 'acme', private: false };
    for (const [id, unit] of [
      ['t1', 'u1'],
      ['t2', 'u9'],
    ] as const) {
      putGoal(
        team,
        target,
        {
          id,
          title: `Team goal ${id}`,
          owner: { kind: 'unit', id: unit },
          parentId: null,
          periodStart: '2025-01-01',
          periodEnd: '2025-06-30',
          metric: { unit: '', start: 0, target: 100, current: null, direction: 'increase' },
        },
        { now: 0 },
      );
      const ok = recordCheckIn(
        team,
        { id: `c-${id}`, goalId: id, at: '2025-03-10T09:00:00Z', value: 5, authorId: 'm1' },
        { now: NOW, timeZone: 'UTC' },
      );
      expect(ok.ok).toBe(true);
    }
    const reminders = remindersFor(readCoachingData(docs, names, directory), directory, 'm1', NOW);
    const about = reminders.map((r) => `${r.rule} ${r.subjectId} ${r.goalId}`);
    expect(about).toContain('behind-pace u1 t1');
    expect(about.some((a) => a.endsWith(' t2'))).toBe(false);
  });

  it('drops a reminder marked done in the prefs, and a goal deleted elsewhere', () => {
    const { directory, names, docs, prefs, team } = setup();
    const first = remindersFor(readCoachingData(docs, names, directory), directory, 'm1', NOW);
    markReminderDone(prefs, first[0]!.key, '2025-03-12');
    setGoalDeleted(team, 'g2', true);
    const data = readCoachingData(docs, names, directory);
    expect(data.deletedGoals.map((g) => g.id)).toEqual(['g2']);
    expect(remindersFor(data, directory, 'm1', NOW)).toEqual([]);
  });

  it('carries the person in the notification id', () => {
    const { directory, names, docs } = setup();
    const [r] = remindersFor(readCoachingData(docs, names, directory), directory, 'm1', NOW);
    expect(personOfNotification(notificationId(r!))).toBe('e1');
    expect(personOfNotification('someone-else|e1')).toBeNull();
  });

  it('reads typed values, leaving text as text for the refusal to name', () => {
    expect(valueFromText(' 12,5 ')).toBe(12.5);
    expect(valueFromText('twelve')).toBe('twelve');
    expect(valueFromText('')).toBe('');
  });
});
