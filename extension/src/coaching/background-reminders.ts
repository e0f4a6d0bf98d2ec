import type * as Y from 'yjs';
import {
  markNotified,
  readDirectory,
  readNotifiedKeys,
  docName,
  type Reminder,
} from '../core-browser.ts';
import { loadSettings } from '../settings/settings.ts';
import { readClaims } from '../settings/token-claims.ts';
import type { DocDb } from '../store/doc-db.ts';
import { createDocStore, type DocStore, type OpenedDoc } from '../store/doc-store.ts';
import { translator } from '../i18n/i18n.ts';
import { coachingDocNames, orgToday, readCoachingData, remindersFor } from './coaching-model.ts';
import { reminderText } from './reminder-text.ts';

/**
 * The background worker's reminder check: open the manager's documents from IndexedDB (and sync
 * them for a moment when a server is configured and reachable), evaluate the rules, and show a
 * notification for each reminder not notified before on any device. Works offline: without a
 * server, or with the server down, the rules run on the local copies.
 */

/** The alarm that runs the check. */
export const REMINDER_ALARM = 'firstline-reminders';
/** Minutes between checks. */
export const REMINDER_PERIOD_MINUTES = 30;
/** Notifications shown per check at most; the rest wait in the panel's inbox. */
export const MAX_NOTIFICATIONS = 5;
/** Storage key the panel watches to open a person (set by a notification click). */
export const FOCUS_KEY = 'firstline.focus';

const NOTIFICATION_PREFIX = 'firstline|';

/** The notification id of a reminder; carries the person so a click needs no lookup. */
export function notificationId(reminder: Reminder): string {
  return `${NOTIFICATION_PREFIX}${reminder.subjectId}|${reminder.key}`;
}

/** The person a notification is about, or null for a notification that is not ours. */
export function personOfNotification(id: string): string | null {
  if (!id.startsWith(NOTIFICATION_PREFIX)) return null;
  const person = id.slice(NOTIFICATION_PREFIX.length).split('|')[0];
  return person ? person : null;
}

/** What one check did, for tests and logs. */
export interface ReminderCheck {
  reminders: Reminder[];
  notified: string[];
  offline: boolean;
}

// Waits until a document is loaded from IndexedDB and, if it is syncing, synced or given up on.
async function ready(opened: OpenedDoc, syncMs: number): Promise<void> {
  await opened.whenLoaded;
  const settled = () => opened.connection().status !== 'connecting';
  if (settled()) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, syncMs);
    const stop = opened.onConnection(() => {
      if (settled()) done();
    });
    function done(): void {
      clearTimeout(timer);
      stop();
      resolve();
    }
  });
}

/**
 * Runs one check. `notify` shows a notification (the worker passes `browser.notifications`);
 * `now` is passed in so tests can pin the day.
 */
export async function runReminderCheck(deps: {
  db: DocDb;
  now: Date;
  notify: (id: string, title: string, message: string) => Promise<void>;
  syncMs?: number;
}): Promise<ReminderCheck> {
  const settings = await loadSettings();
  const claims = readClaims(settings.token, deps.now.getTime() / 1000);
  if (!claims.ok) return { reminders: [], notified: [], offline: true };
  const { org, personId } = claims.value;
  const syncMs = deps.syncMs ?? 4000;
  const store: DocStore = createDocStore(
    deps.db,
    settings.serverUrl ? { serverUrl: settings.serverUrl, token: settings.token } : null,
  );
  const opened: OpenedDoc[] = [];
  const open = async (name: string): Promise<OpenedDoc> => {
    const doc = store.openDoc(name);
    opened.push(doc);
    await ready(doc, syncMs);
    return doc;
  };
  try {
    const dirDoc = await open(docName({ kind: 'directory', org }));
    const directory = readDirectory(dirDoc.doc);
    const names = coachingDocNames(claims.value, directory);
    const all = [...names.goals, ...names.coaching.values(), names.prefs];
    const docs = new Map<string, Y.Doc>();
    for (const doc of await Promise.all(all.map(open))) {
      const refused = doc.connection().status === 'denied' && doc.connection().code !== 4401;
      if (!refused) docs.set(doc.name, doc.doc);
    }
    const data = readCoachingData(docs, names, directory);
    const reminders = remindersFor(data, directory, personId, deps.now);
    const prefs = docs.get(names.prefs);
    const already = prefs ? readNotifiedKeys(prefs) : new Set<string>();
    const fresh = reminders.filter((r) => !already.has(r.key)).slice(0, MAX_NOTIFICATIONS);
    const t = translator(settings.language);
    for (const r of fresh) {
      const name =
        directory.people.get(r.subjectId)?.name ??
        directory.units.get(r.subjectId)?.name ??
        r.subjectId;
      const goal = data.goals.find((g) => g.id === r.goalId)?.title ?? '';
      await deps.notify(notificationId(r), name, reminderText(r, goal, t));
    }
    if (prefs && fresh.length > 0) {
      markNotified(
        prefs,
        fresh.map((r) => r.key),
        orgToday(data.timeZone, deps.now),
      );
      // Give the provider a moment to send the update; IndexedDB has it already.
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const offline = opened.some((d) => d.connection().status === 'offline');
    return { reminders, notified: fresh.map(notificationId), offline };
  } finally {
    for (const d of opened) d.destroy();
    store.close();
  }
}
