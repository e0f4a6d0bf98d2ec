import type * as Y from 'yjs';
import { AgendaItem, Meeting } from '../coaching/agenda-item.ts';
import { CoachingEntry } from '../coaching/coaching-entry.ts';
import { parseIsoDay } from '../coaching/day-math.ts';
import { createZonedDayOf } from '../coaching/zoned-day.ts';
import { fail, ok, type Result } from '../model/result.ts';
import { readEntries, type InvalidEntry } from './directory.ts';

/**
 * The coaching log and the shared 1:1 agenda in Yjs.
 *
 * `org/{org}/person/{p}/coaching` holds the manager's log about p: `entries` Y.Map id ->
 * CoachingEntry. Only p's chain writes it and HR reads it; p never receives it (the server refuses
 * the document), which is why it is a document of its own and not part of the record.
 *
 * `org/{org}/person/{p}/one-on-one` is shared by p and the direct manager: `meetings` Y.Map id ->
 * Meeting and `items` Y.Map id -> AgendaItem. Entries are replaced whole, so two people adding
 * points at once both keep theirs.
 */

/** Top-level type names of the coaching and one-on-one documents. */
export const COACHING_MAPS = { entries: 'entries', meetings: 'meetings', items: 'items' } as const;

/** Why a coaching or agenda write was refused. */
export type CoachingWriteFailure =
  | 'invalid-entry'
  | 'wrong-person'
  | 'follow-up-before-date'
  | 'far-future'
  | 'unknown-meeting'
  | 'unknown-item'
  | 'meeting-held';

/** What `putCoachingEntry` needs to judge the dates: today, the zone and the user's answer. */
export interface CoachingEntryContext {
  now: Date;
  timeZone: string;
  /** Days after today before a conversation date counts as a typo. Default 1, as for check-ins. */
  futureToleranceDays?: number;
  /** The person confirmed a conversation date beyond the tolerance. */
  confirmFuture?: boolean;
}

function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  return `${issue?.path.map(String).join('.') || 'entry'}: ${issue?.message ?? 'invalid'}`;
}

/** The log of one person, newest first (ties by id), and entries that failed the schema. */
export function readCoachingLog(doc: Y.Doc): { entries: CoachingEntry[]; invalid: InvalidEntry[] } {
  const invalid: InvalidEntry[] = [];
  const entries = [...readEntries(doc, COACHING_MAPS.entries, CoachingEntry, invalid).values()];
  entries.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.id < b.id ? -1 : 1));
  return { entries, invalid };
}

/**
 * Adds (or replaces, by id) an entry in the log of `personId`. An entry about someone else is
 * refused: the log's document decides who can read it, so an entry filed in the wrong person's
 * log would be shown to the wrong chain. A follow-up before the conversation is refused (it would
 * be due at once), and a conversation dated far ahead needs a confirmation, as a check-in does.
 * Nothing is written on a refusal, so the caller keeps the draft.
 */
export function putCoachingEntry(
  doc: Y.Doc,
  personId: string,
  input: unknown,
  ctx: CoachingEntryContext,
): Result<CoachingEntry, CoachingWriteFailure> {
  const parsed = CoachingEntry.safeParse(input);
  if (!parsed.success) return fail('invalid-entry', firstIssue(parsed.error));
  if (parsed.data.personId !== personId) {
    return fail(
      'wrong-person',
      `this log is about ${personId}; the entry is about ${parsed.data.personId}`,
    );
  }
  const { date, followUpOn } = parsed.data;
  if (followUpOn !== null && followUpOn < date) {
    return fail(
      'follow-up-before-date',
      `followUpOn: the follow-up (${followUpOn}) is before the conversation (${date})`,
      { date, followUpOn },
    );
  }
  const today = createZonedDayOf(ctx.timeZone)(ctx.now.getTime());
  const ahead = parseIsoDay(date) - today;
  if (ahead > (ctx.futureToleranceDays ?? 1) && !ctx.confirmFuture) {
    return fail(
      'far-future',
      `date: the conversation is ${ahead} days after today; check the year, or confirm`,
      { daysAhead: ahead },
    );
  }
  doc.getMap<unknown>(COACHING_MAPS.entries).set(parsed.data.id, { ...parsed.data });
  return ok(parsed.data);
}

/** Entries that name a goal: the evidence a goal screen and a review show. */
export function entriesForGoal(entries: readonly CoachingEntry[], goalId: string): CoachingEntry[] {
  return entries.filter((e) => e.goalIds.includes(goalId));
}

/** A validated view of a one-on-one document. */
export interface OneOnOne {
  /** Oldest first. */
  meetings: Meeting[];
  /** Points by meeting id, open ones first, then by id. */
  items: Map<string, AgendaItem[]>;
  /** The first meeting not yet held (the next one), or null. */
  upcoming: Meeting | null;
  invalid: InvalidEntry[];
}

/** Reads the meetings and their points. */
export function readOneOnOne(doc: Y.Doc): OneOnOne {
  const invalid: InvalidEntry[] = [];
  const meetings = [...readEntries(doc, COACHING_MAPS.meetings, Meeting, invalid).values()].sort(
    (a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.id < b.id ? -1 : 1),
  );
  const items = new Map<string, AgendaItem[]>();
  for (const item of readEntries(doc, COACHING_MAPS.items, AgendaItem, invalid).values()) {
    const list = items.get(item.meetingId);
    if (list) list.push(item);
    else items.set(item.meetingId, [item]);
  }
  for (const list of items.values()) {
    list.sort((a, b) => Number(a.done) - Number(b.done) || (a.id < b.id ? -1 : 1));
  }
  return { meetings, items, upcoming: meetings.find((m) => !m.held) ?? null, invalid };
}

/** Adds a point to a meeting that has not been held yet. */
export function addAgendaItem(
  doc: Y.Doc,
  input: { id: string; meetingId: string; text: string; ownerId: string },
): Result<AgendaItem, CoachingWriteFailure> {
  const meeting = Meeting.safeParse(
    doc.getMap<unknown>(COACHING_MAPS.meetings).get(input.meetingId),
  );
  if (!meeting.success) return fail('unknown-meeting', `no meeting ${input.meetingId}`);
  if (meeting.data.held)
    return fail('meeting-held', 'that meeting is over; add it to the next one');
  const parsed = AgendaItem.safeParse({ ...input, text: input.text.trim() });
  if (!parsed.success) return fail('invalid-entry', firstIssue(parsed.error));
  doc.getMap<unknown>(COACHING_MAPS.items).set(parsed.data.id, { ...parsed.data });
  return ok(parsed.data);
}

/** Ticks a point off (or reopens it). */
export function setAgendaItemDone(
  doc: Y.Doc,
  itemId: string,
  done: boolean,
): Result<AgendaItem, CoachingWriteFailure> {
  const items = doc.getMap<unknown>(COACHING_MAPS.items);
  const item = AgendaItem.safeParse(items.get(itemId));
  if (!item.success) return fail('unknown-item', `no agenda point ${itemId}`);
  const next = { ...item.data, done };
  items.set(itemId, next);
  return ok(next);
}

/**
 * Closes the previous meeting and opens the next one, carrying every open point over as a copy
 * (the closed meeting keeps its agenda as it was). `newId` gives the ids of the copies (core has
 * no randomness: the extension passes `crypto.randomUUID`). One transaction, so the other side
 * never sees a half-carried agenda. Returns the new meeting and the points carried over.
 */
export function startMeeting(
  doc: Y.Doc,
  meeting: { id: string; date: string },
  newId: () => string,
): Result<{ meeting: Meeting; carried: AgendaItem[] }, CoachingWriteFailure> {
  const parsed = Meeting.safeParse({ ...meeting, held: false });
  if (!parsed.success) return fail('invalid-entry', firstIssue(parsed.error));
  const { meetings, items } = readOneOnOne(doc);
  const carried: AgendaItem[] = [];
  doc.transact(() => {
    const meetingMap = doc.getMap<unknown>(COACHING_MAPS.meetings);
    const itemMap = doc.getMap<unknown>(COACHING_MAPS.items);
    for (const previous of meetings) {
      if (previous.held || previous.id === parsed.data.id || previous.date > parsed.data.date) {
        continue;
      }
      meetingMap.set(previous.id, { ...previous, held: true });
      for (const item of items.get(previous.id) ?? []) {
        if (item.done) continue;
        const copy: AgendaItem = {
          ...item,
          id: newId(),
          meetingId: parsed.data.id,
          carriedOverFrom: previous.id,
          firstRaisedIn: item.firstRaisedIn ?? item.meetingId,
        };
        itemMap.set(copy.id, copy);
        carried.push(copy);
      }
    }
    meetingMap.set(parsed.data.id, { ...parsed.data });
  });
  return ok({ meeting: parsed.data, carried });
}
