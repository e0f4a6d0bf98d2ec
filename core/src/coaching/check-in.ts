import { z } from 'zod';
import { Id } from '../model/ids.ts';

/**
 * Confidence is a probability, 0..1 ("how likely is this key result to be met?"), not a 1-10
 * score: it can be compared with forecasts and averaged without rescaling. Screens that ask for
 * 1-10 divide by 10 on the way in.
 */
export const Confidence = z.number().min(0).max(1);
export type Confidence = z.infer<typeof Confidence>;

function describe(input: unknown): string {
  if (typeof input === 'string') return `the text ${JSON.stringify(input.slice(0, 40))}`;
  if (typeof input === 'number') return String(input);
  return input === null ? 'null' : typeof input;
}

/**
 * A measured value must be a finite number. Imports and old clients send "12" or "" or NaN; the
 * message names what arrived, so the person fixing it knows what to look for.
 */
export const CheckInValue = z.number({
  error: (issue) => `a check-in value must be a number, got ${describe(issue.input)}`,
});

/**
 * One check-in: the value of a goal's metric (or of one of its key results) at an instant, with
 * how confident the owner feels and what is in the way. Lives in the document of the team or
 * person that owns the goal.
 */
export const CheckIn = z.object({
  id: Id,
  goalId: Id,
  /**
   * The key result measured. Null means the goal's own metric. Key results are goals themselves
   * (children carrying a metric), so a key result's check-ins form the series of that child goal.
   */
  keyResultId: Id.nullable().default(null),
  /** When it was measured: an ISO instant with its offset, so the org's calendar day is exact. */
  at: z.iso.datetime({ offset: true }),
  value: CheckInValue,
  confidence: Confidence.nullable().default(null),
  note: z.string().default(''),
  blockers: z.array(z.string()).default([]),
  authorId: Id,
});
export type CheckIn = z.infer<typeof CheckIn>;

/** The series a check-in belongs to: its key result, else its goal. */
export function seriesKeyOf(checkIn: Pick<CheckIn, 'goalId' | 'keyResultId'>): string {
  return checkIn.keyResultId ?? checkIn.goalId;
}
