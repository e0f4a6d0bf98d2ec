import type { Reminder } from '../core-browser.ts';
import type { Translate } from '../i18n/i18n.ts';

function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}

/**
 * The sentence for a reminder in the user's language. Core gives figures, not text, so the
 * notification, the inbox and any later e-mail word a reminder the same way.
 */
export function reminderText(reminder: Reminder, goalTitle: string, t: Translate): string {
  const p = reminder.params;
  const goal = goalTitle || reminder.goalId || '';
  switch (reminder.rule) {
    case 'behind-pace':
      return t('coaching.reminder.behind-pace', {
        goal,
        gap: num(p.gapPoints),
        expected: num(p.expectedPercent),
        actual: num(p.actualPercent),
      });
    case 'no-check-in':
      return t('coaching.reminder.no-check-in', { goal, days: num(p.days) });
    case 'due-soon':
      return t('coaching.reminder.due-soon', { goal, days: num(p.daysLeft) });
    case 'overdue':
      return t('coaching.reminder.overdue', { goal, days: num(p.daysOver) });
    case 'follow-up-due':
      return t('coaching.reminder.follow-up-due', { days: num(p.daysLate) });
    case 'confidence-drop':
      return t('coaching.reminder.confidence-drop', {
        goal,
        from: Math.round(num(p.from) * 100),
        to: Math.round(num(p.to) * 100),
      });
  }
}
