import { z } from 'zod';
import { IsoDate } from '../model/ids.ts';
import { PaceSettings } from './pace-settings.ts';

/**
 * What a reminder is and what the person did about it. Reminders are computed, never stored: the
 * evaluator recomputes them from goals, check-ins and coaching logs, and the only thing kept (in
 * the user's prefs document) is the state below, keyed by the reminder's dedupe key, so a handled
 * reminder stays handled on every device.
 */

/** The rules core evaluates. */
export const ReminderRule = z.enum([
  'behind-pace',
  'no-check-in',
  'due-soon',
  'overdue',
  'follow-up-due',
  'confidence-drop',
]);
export type ReminderRule = z.infer<typeof ReminderRule>;

/** How urgent a reminder is; lists show high first. */
export const Severity = z.enum(['high', 'medium', 'low']);
export type Severity = z.infer<typeof Severity>;

/** Sort rank of a severity (lower comes first). */
export const SEVERITY_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/** A reminder for a manager about one person (and usually one goal). */
export interface Reminder {
  rule: ReminderRule;
  /** The person the reminder is about (the goal owner, or the person coached). */
  subjectId: string;
  /** The goal concerned; null for a coaching follow-up that names no goal. */
  goalId: string | null;
  severity: Severity;
  /**
   * The period bucket: the same condition in the same bucket is the same reminder. Weekly rules
   * use the Monday of the week; event rules use the date of the event (the deadline, the
   * follow-up date, the check-in that showed the drop).
   */
  bucket: IsoDate;
  /** `rule|subject|goal|bucket`: stable across runs and devices; what "done" and "handled" name. */
  key: string;
  /** `rule|subject|goal`: what a snooze names, so a snooze outlives the weekly bucket. */
  streamKey: string;
  /** Figures for the message text ("12 points behind"); the UI owns the wording and language. */
  params: Record<string, number | string | null>;
}

/** What the manager did about reminders, kept in `org/{org}/user/{u}/prefs`. */
export const ReminderState = z.object({
  /** Stream key -> the date the snooze ends; the reminder is back on that date. */
  snoozedUntil: z.record(z.string(), IsoDate).default({}),
  /** Dedupe key -> the date it was marked done (kept so old keys can be pruned). */
  done: z.record(z.string(), IsoDate).default({}),
  /** Dedupe keys dismissed without action ("seen, nothing to do"). */
  handledKeys: z.array(z.string()).default([]),
});
export type ReminderState = z.infer<typeof ReminderState>;

/** Organisation settings of the reminder rules; every threshold has a default. */
export const ReminderSettings = z.object({
  /** Remind when progress is this many percentage points behind the expected line. */
  behindPacePoints: z.number().positive().default(10),
  /** Remind when a goal has had no check-in for this many days. */
  noCheckInDays: z.number().int().positive().default(14),
  /** Remind when a goal ends within this many days and is not yet reached. */
  dueWithinDays: z.number().int().nonnegative().default(7),
  /** Remind when confidence fell by at least this much (0..1 scale) between the last two check-ins. */
  confidenceDrop: z.number().positive().max(1).default(0.2),
  disabledRules: z.array(ReminderRule).default([]),
  pace: PaceSettings.default(PaceSettings.parse({})),
});
export type ReminderSettings = z.infer<typeof ReminderSettings>;

/** The dedupe key of a reminder; one function so writers of the state and the evaluator agree. */
export function reminderKey(
  rule: ReminderRule,
  subjectId: string,
  goalId: string | null,
  bucket: string,
): string {
  return `${rule}|${subjectId}|${goalId ?? '-'}|${bucket}`;
}

/** The snooze key of a reminder: its dedupe key without the bucket. */
export function reminderStreamKey(
  rule: ReminderRule,
  subjectId: string,
  goalId: string | null,
): string {
  return `${rule}|${subjectId}|${goalId ?? '-'}`;
}
