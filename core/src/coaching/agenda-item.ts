import { z } from 'zod';
import { Id, IsoDate } from '../model/ids.ts';

/**
 * A point on the shared 1:1 agenda (`person/{p}/one-on-one`). Both sides add points; an open point
 * is carried into the next meeting as a copy, with `carriedOverFrom` (the meeting it came from)
 * and `firstRaisedIn` (where it first came up), so a point that keeps slipping is visible.
 */
export const AgendaItem = z.object({
  id: Id,
  /** The meeting this point is on the agenda of. */
  meetingId: Id,
  text: z.string().min(1).max(2000),
  ownerId: Id,
  done: z.boolean().default(false),
  /** The meeting this point was carried over from; null when it was raised for this meeting. */
  carriedOverFrom: Id.nullable().default(null),
  /** The meeting the point first came up in (itself when raised here). */
  firstRaisedIn: Id.nullable().default(null),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

/** One 1:1 meeting between a manager and a report. */
export const Meeting = z.object({
  id: Id,
  date: IsoDate,
  /** Set once the meeting took place; its open points move to the next one. */
  held: z.boolean().default(false),
});
export type Meeting = z.infer<typeof Meeting>;
