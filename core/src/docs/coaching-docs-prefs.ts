import type * as Y from 'yjs';
import { parseIsoDay } from '../coaching/day-math.ts';
import type { ReminderState } from '../coaching/reminder.ts';
import { IsoDate } from '../model/ids.ts';

/**
 * What a manager did about reminders, in `org/{org}/user/{u}/prefs` (only u opens it), so a
 * reminder handled on one device stays handled on every other one and in the background worker.
 * One Y.Map per kind of answer, key -> date, so answers given on two offline devices merge
 * instead of one list overwriting the other.
 */
export const REMINDER_MAPS = {
  /** Dedupe key -> date marked done. */
  done: 'reminderDone',
  /** Dedupe key -> date dismissed ("seen, nothing to do"). */
  handled: 'reminderHandled',
  /** Stream key -> date the snooze ends. */
  snoozed: 'reminderSnoozed',
  /** Dedupe key -> date a notification was shown: the worker never shows one twice. */
  notified: 'reminderNotified',
} as const;

function dates(doc: Y.Doc, name: string): Map<string, string> {
  const out = new Map<string, string>();
  doc.getMap<unknown>(name).forEach((value, key) => {
    if (IsoDate.safeParse(value).success) out.set(key, value as string);
  });
  return out;
}

/** The reminder state as `evaluateReminders` takes it. Unreadable values are ignored. */
export function readReminderState(doc: Y.Doc): ReminderState {
  return {
    done: Object.fromEntries(dates(doc, REMINDER_MAPS.done)),
    snoozedUntil: Object.fromEntries(dates(doc, REMINDER_MAPS.snoozed)),
    handledKeys: [...dates(doc, REMINDER_MAPS.handled).keys()].sort(),
  };
}

/** Keys a notification was already shown for. */
export function readNotifiedKeys(doc: Y.Doc): Set<string> {
  return new Set(dates(doc, REMINDER_MAPS.notified).keys());
}

/** Marks a reminder done on a date. */
export function markReminderDone(doc: Y.Doc, key: string, on: IsoDate): void {
  doc.getMap<unknown>(REMINDER_MAPS.done).set(key, on);
}

/** Dismisses a reminder without action. */
export function markReminderHandled(doc: Y.Doc, key: string, on: IsoDate): void {
  doc.getMap<unknown>(REMINDER_MAPS.handled).set(key, on);
}

/** Snoozes a reminder stream until a date (the reminder is back on that day). */
export function snoozeReminder(doc: Y.Doc, streamKey: string, until: IsoDate): void {
  doc.getMap<unknown>(REMINDER_MAPS.snoozed).set(streamKey, until);
}

/** Records that notifications were shown for these keys, in one transaction. */
export function markNotified(doc: Y.Doc, keys: readonly string[], on: IsoDate): void {
  if (keys.length === 0) return;
  doc.transact(() => {
    const map = doc.getMap<unknown>(REMINDER_MAPS.notified);
    for (const key of keys) map.set(key, on);
  });
}

/**
 * Forgets answers dated before `before` (and snoozes that ended before it): reminder keys carry
 * their week or event date, so an answer older than a few months can never match again, and the
 * prefs document would otherwise grow forever.
 */
export function pruneReminderState(doc: Y.Doc, before: IsoDate): number {
  const limit = parseIsoDay(before);
  let removed = 0;
  doc.transact(() => {
    for (const name of Object.values(REMINDER_MAPS)) {
      const map = doc.getMap<unknown>(name);
      for (const [key, value] of [...map.entries()]) {
        const day = typeof value === 'string' ? parseIsoDay(value) : NaN;
        if (Number.isNaN(day) || day < limit) {
          map.delete(key);
          removed++;
        }
      }
    }
  });
  return removed;
}
