import type * as Y from 'yjs';
import {
  checkInColumnsFrom,
  createZonedDayOf,
  docName,
  evaluateReminders,
  indexCheckInColumns,
  readCheckIns,
  readCoachingLog,
  readGoalDoc,
  readReminderState,
  ReminderSettings,
  type CheckIn,
  type CoachingEntry,
  type Directory,
  type Goal,
  type Reminder,
  type ReminderState,
} from '../core-browser.ts';
import { goalDocNames } from '../goals/goal-doc-set.ts';
import type { TokenClaims } from '../settings/token-claims.ts';

/**
 * What the coaching screens and the background worker read, gathered from open documents by one
 * pure function, so the panel's inbox and the worker's notifications can never disagree.
 */

/** At most this many reports get their coaching log opened (one socket each). */
export const MAX_COACHING_DOCS = 40;

/** The people a manager is reminded about: everyone whose chain includes them, nearest first. */
export function chainReports(directory: Directory, managerId: string): string[] {
  const byManager = new Map<string, string[]>();
  for (const p of directory.people.values()) {
    if (p.managerId === null || p.status === 'terminated') continue;
    byManager.set(p.managerId, [...(byManager.get(p.managerId) ?? []), p.id]);
  }
  const out: string[] = [];
  const seen = new Set([managerId]);
  const queue = [managerId];
  for (let i = 0; i < queue.length; i++) {
    for (const id of (byManager.get(queue[i] as string) ?? []).sort()) {
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(id);
      queue.push(id);
    }
  }
  return out;
}

/** Names of every document the coaching views read, by role. */
export interface CoachingDocNames {
  goals: string[];
  coaching: Map<string, string>;
  prefs: string;
}

/** The documents to open for the signed-in manager. */
export function coachingDocNames(claims: TokenClaims, directory: Directory): CoachingDocNames {
  const coaching = new Map<string, string>();
  for (const p of chainReports(directory, claims.personId).slice(0, MAX_COACHING_DOCS)) {
    coaching.set(p, docName({ kind: 'person-coaching', org: claims.org, person: p }));
  }
  return {
    goals: goalDocNames(claims, directory),
    coaching,
    prefs: docName({ kind: 'prefs', org: claims.org, user: claims.personId }),
  };
}

/** Goals, check-ins (by document) and coaching entries read from open documents. */
export interface CoachingData {
  timeZone: string;
  goals: Goal[];
  /**
   * Goals deleted (on any device) that are still stored: a form open on one of them keeps its
   * draft and says why it cannot save, instead of vanishing with what was typed.
   */
  deletedGoals: Goal[];
  /** Which document holds each goal, for writing its check-ins. */
  goalDoc: Map<string, string>;
  checkInsByDoc: Map<string, CheckIn[]>;
  entries: Map<string, CoachingEntry[]>;
  state: ReminderState;
}

/** Reads everything from the documents that are open (missing ones simply contribute nothing). */
export function readCoachingData(
  docs: ReadonlyMap<string, Y.Doc>,
  names: CoachingDocNames,
  directory: Directory,
): CoachingData {
  const goals: Goal[] = [];
  const deletedGoals: Goal[] = [];
  const goalDoc = new Map<string, string>();
  const checkInsByDoc = new Map<string, CheckIn[]>();
  for (const name of names.goals) {
    const doc = docs.get(name);
    if (!doc) continue;
    for (const stored of readGoalDoc(doc, name).goals) {
      if (goalDoc.has(stored.goal.id)) continue;
      if (stored.deleted) {
        deletedGoals.push(stored.goal);
        goalDoc.set(stored.goal.id, name);
        continue;
      }
      goals.push(stored.goal);
      goalDoc.set(stored.goal.id, name);
    }
    checkInsByDoc.set(name, readCheckIns(doc).checkIns);
  }
  const entries = new Map<string, CoachingEntry[]>();
  for (const [person, name] of names.coaching) {
    const doc = docs.get(name);
    if (doc) entries.set(person, readCoachingLog(doc).entries);
  }
  const prefs = docs.get(names.prefs);
  return {
    timeZone: directory.org?.timeZone ?? 'UTC',
    goals,
    deletedGoals,
    goalDoc,
    checkInsByDoc,
    entries,
    state: prefs ? readReminderState(prefs) : { done: {}, snoozedUntil: {}, handledKeys: [] },
  };
}

/** Check-ins of every document as one index (one column segment per document). */
export function checkInIndexOf(data: CoachingData) {
  const dayOf = createZonedDayOf(data.timeZone);
  const segments = [...data.checkInsByDoc.values()].map((list) =>
    checkInColumnsFrom(list, data.timeZone, dayOf),
  );
  return indexCheckInColumns(segments, data.timeZone);
}

/** The reminders of the manager's people, as the inbox lists them and the worker notifies them. */
export function remindersFor(
  data: CoachingData,
  directory: Directory,
  managerId: string,
  now: Date,
): Reminder[] {
  const mine = new Set(chainReports(directory, managerId));
  const people = [...directory.people.values()]
    .filter((p) => mine.has(p.id))
    .map((p) => ({ id: p.id, status: p.status }));
  const teams = ledUnits(directory, managerId);
  return evaluateReminders({
    now,
    timeZone: data.timeZone,
    people,
    units: [...teams],
    goals: data.goals.filter((g) =>
      g.owner.kind === 'person' ? mine.has(g.owner.id) : teams.has(g.owner.id),
    ),
    checkIns: checkInIndexOf(data),
    coachingEntries: [...data.entries.values()].flat(),
    state: data.state,
    settings: ReminderSettings.parse({}),
  });
}

/**
 * The units whose own goals a manager answers for: those they head, and the teams their direct
 * reports sit in (imports often leave a unit's head unset). A team goal behind pace is theirs.
 */
export function ledUnits(directory: Directory, managerId: string): Set<string> {
  const units = new Set<string>();
  for (const unit of directory.units.values()) if (unit.headId === managerId) units.add(unit.id);
  for (const p of directory.people.values()) {
    if (p.managerId === managerId && p.unitId !== null) units.add(p.unitId);
  }
  return units;
}

/** Today in the organisation's zone, `YYYY-MM-DD`, for dating answers to reminders. */
export function orgToday(timeZone: string, now: Date): string {
  const day = createZonedDayOf(timeZone)(now.getTime());
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
