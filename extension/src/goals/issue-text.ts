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

/** The label of the form field an issue names (core's field path, e.g. `metric.target`). */
const FIELD_LABEL: Record<string, MessageKey> = {
  title: 'goals.field.title',
  owner: 'goals.field.owner',
  'owner.id': 'goals.field.owner',
  'owner.kind': 'goals.field.owner',
  visibility: 'goals.field.visibility',
  parentId: 'goals.field.parent',
  periodStart: 'goals.field.periodStart',
  periodEnd: 'goals.field.periodEnd',
  weight: 'goals.field.weight',
  status: 'goals.field.status',
  'metric.start': 'goals.field.start',
  'metric.target': 'goals.field.target',
  'metric.unit': 'goals.field.unit',
  'metric.direction': 'goals.field.direction',
  'metric.current': 'goals.field.current',
};

/** The translated label of a field named by core (`metric.target` -> "Target"). */
export function fieldLabel(field: string | null, t: Translate): string {
  const key = field === null ? undefined : FIELD_LABEL[field];
  return key === undefined ? (field ?? '') : t(key);
}

/**
 * A bad field value in words: the schema's own message ("Too small: expected string to have >=1
 * characters") is for developers, so the form names the field and what to do instead.
 */
function invalidFieldText(issue: GoalIssue, t: Translate): string {
  if (issue.field === 'title') return t('goals.issue.titleMissing');
  const field = fieldLabel(issue.field, t);
  if (/is not a number/.test(issue.message)) return t('goals.issue.notNumber', { field });
  return t('goals.issue.invalidField', { field });
}

/**
 * The text of a goal issue in the panel's language, with the figures that make it concrete (the
 * weight sum, the other organisation). English shows core's message as is; other languages add it
 * as the detail, so nothing core knows is hidden by the translation.
 */
export function issueText(issue: GoalIssue, t: Translate, language: Language): string {
  if (issue.code === 'invalid-field') return invalidFieldText(issue, t);
  const key = TRANSLATED[issue.code];
  if (key === undefined || language === 'en') return issue.message;
  const sum = /add up to ([\d.]+)/.exec(issue.message)?.[1] ?? '?';
  const org = /organisation (\S+), not/.exec(issue.message)?.[1] ?? '?';
  return `${t(key, { sum, org })} (${issue.message})`;
}
