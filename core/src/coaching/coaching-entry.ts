import { z } from 'zod';
import { Id, IsoDate } from '../model/ids.ts';

/**
 * One coaching conversation in the log a manager keeps about a person (`person/{p}/coaching`):
 * what was talked about, what was agreed, and when to look again. The follow-up date is what
 * brings it back as a reminder.
 */
export const CoachingEntry = z.object({
  id: Id,
  /** The person coached. */
  personId: Id,
  date: IsoDate,
  goalIds: z.array(Id).default([]),
  topic: z.string().min(1),
  discussed: z.string().default(''),
  agreed: z.string().default(''),
  outcome: z.string().default(''),
  followUpOn: IsoDate.nullable().default(null),
  authorId: Id,
});
export type CoachingEntry = z.infer<typeof CoachingEntry>;
