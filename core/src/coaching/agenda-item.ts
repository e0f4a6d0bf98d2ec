import { z } from 'zod';
import { Id } from '../model/ids.ts';

/**
 * A point on the shared 1:1 agenda (`person/{p}/one-on-one`). Both sides add points; an open point
 * is carried into the next meeting, and `carriedOverFrom` keeps where it first came up so a point
 * that keeps slipping is visible.
 */
export const AgendaItem = z.object({
  id: Id,
  text: z.string().min(1),
  ownerId: Id,
  done: z.boolean().default(false),
  /** The meeting this point was carried over from; null when it was raised for this meeting. */
  carriedOverFrom: Id.nullable().default(null),
});
export type AgendaItem = z.infer<typeof AgendaItem>;
