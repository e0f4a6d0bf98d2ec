import type { GoalIssue } from '../core-browser.ts';
import type { MessageKey } from '../i18n/messages-en.ts';
import type { Language, Translate } from '../i18n/i18n.ts';

/** Issue codes with their own translated message; any other shows core's English message. */
const TRANSLATED: Partial<Record<GoalIssue['code'], MessageKey>> = {
  'period-reversed': 'goals.issue.periodReversed',
  'target-equals-start': 'goals.issue.targetEqualsStart',
  'parent-other-org': 'goals.issue.parentOtherOrg',
  'parent-unknown': 'goals.issue.parentUnknown',
  'parent-cycle': 'goals.issue.parentCycle',
  'parent-self': 'goals.issue.parentCycle',
  'weights-sum-not-100': 'goals.issue.weightsSum',
  'bad-date': 'goals.issue.badDate',
};

/**
 * The text of a goal issue in the panel's language, with the figures that make it concrete (the
 * weight sum, the other organisation). English shows core's message as is; other languages add it
 * as the detail, so nothing core knows is hidden by the translation.
 */
export function issueText(issue: GoalIssue, t: Translate, language: Language): string {
  const key = TRANSLATED[issue.code];
  if (key === undefined || language === 'en') return issue.message;
  const sum = /add up to ([\d.]+)/.exec(issue.message)?.[1] ?? '?';
  const org = /organisation (\S+), not/.exec(issue.message)?.[1] ?? '?';
  return `${t(key, { sum, org })} (${issue.message})`;
}
