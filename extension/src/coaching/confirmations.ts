import type { CheckInContext, CoachingEntryContext } from '../core-browser.ts';
import type { Translate } from '../i18n/i18n.ts';

/**
 * What the coaching forms show when core refuses a write, and which refusals the user may
 * overrule. Core asks (it never guesses that 2030 or -100 is a typo); the form says why in the
 * user's language, keeps the draft, and resends with the confirmation when the user insists.
 */

/** A refusal as the forms keep it: core's reason, its English message and its details. */
export interface Refusal {
  reason: string;
  message: string;
  details?: Record<string, unknown>;
  /** Refusals already confirmed for the attempt that got this one. */
  confirmed?: readonly string[];
}

/** Check-in refusals the user may confirm, and the context flag each confirmation sets. */
const CHECK_IN_CONFIRMS = {
  'far-future': 'confirmFuture',
  'before-period': 'confirmBeforePeriod',
  'value-out-of-range': 'confirmOutOfRange',
} as const satisfies Record<string, keyof CheckInContext>;

/** Whether a check-in refusal can be overruled by a confirmation. */
export function isConfirmable(reason: string): reason is keyof typeof CHECK_IN_CONFIRMS {
  return reason in CHECK_IN_CONFIRMS;
}

/** The context flags for the refusals the user has confirmed so far. */
export function checkInConfirmations(
  confirmed: readonly string[],
): Pick<CheckInContext, 'confirmFuture' | 'confirmBeforePeriod' | 'confirmOutOfRange'> {
  const out: Partial<Record<(typeof CHECK_IN_CONFIRMS)[keyof typeof CHECK_IN_CONFIRMS], boolean>> =
    {};
  for (const reason of confirmed) if (isConfirmable(reason)) out[CHECK_IN_CONFIRMS[reason]] = true;
  return out;
}

const num = (value: unknown): string | number =>
  typeof value === 'number' || typeof value === 'string' ? value : '?';

/** The translated text of a check-in refusal. */
export function checkInRefusalText(problem: Refusal, t: Translate): string {
  const d = problem.details ?? {};
  switch (problem.reason) {
    case 'far-future':
      return t('coaching.error.far-future', { days: num(d.daysAhead) });
    case 'before-period':
      return t('coaching.error.before-period', {
        days: num(d.daysBefore),
        start: num(d.periodStart),
      });
    case 'value-out-of-range':
      return t('coaching.error.value-out-of-range', {
        percent: num(d.percent),
        from: num(d.start),
        to: num(d.target),
      });
    case 'invalid-check-in':
      return t('coaching.error.invalid-check-in', { message: problem.message });
    case 'value-not-a-number':
    case 'goal-deleted':
    case 'goal-not-found':
      return t(`coaching.error.${problem.reason}`);
    default:
      return problem.message;
  }
}

/** The label of the button that confirms a check-in refusal. */
export function confirmLabel(reason: string, t: Translate): string {
  return reason === 'value-out-of-range' ? t('coaching.confirmRange') : t('coaching.confirmFuture');
}

/** The coaching-log context with the user's answer to a far-future conversation date. */
export function entryContext(
  now: Date,
  timeZone: string,
  confirmFuture: boolean,
): CoachingEntryContext {
  return { now, timeZone, confirmFuture };
}

/** The translated text of a coaching-log refusal. */
export function entryRefusalText(problem: Refusal, t: Translate): string {
  const d = problem.details ?? {};
  switch (problem.reason) {
    case 'follow-up-before-date':
      return t('coaching.error.follow-up-before-date', {
        followUp: num(d.followUpOn),
        date: num(d.date),
      });
    case 'far-future':
      return t('coaching.error.entry-far-future', { days: num(d.daysAhead) });
    default:
      return t('coaching.entryInvalid');
  }
}
