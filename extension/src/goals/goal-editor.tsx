import { useMemo, useState } from 'preact/hooks';
import type { Goal } from '../core-browser.ts';
import type { Language, Translate } from '../i18n/i18n.ts';
import {
  checkDraft,
  parentText,
  resolveParent,
  visibleIssues,
  type DraftField,
  type GoalConflict,
  type GoalDraft,
} from './goal-form.ts';
import { issueText } from './issue-text.ts';
import type { MessageKey } from '../i18n/messages-en.ts';

/** The label of each form field, for conflict messages. */
const FIELD_LABELS: Record<DraftField, MessageKey> = {
  title: 'goals.field.title',
  ownerKind: 'goals.field.owner',
  ownerId: 'goals.field.owner',
  visibility: 'goals.field.visibility',
  parentId: 'goals.field.parent',
  periodStart: 'goals.field.periodStart',
  periodEnd: 'goals.field.periodEnd',
  weight: 'goals.field.weight',
  status: 'goals.field.status',
  kind: 'goals.field.target',
  unit: 'goals.field.unit',
  start: 'goals.field.start',
  target: 'goals.field.target',
  current: 'goals.field.current',
  direction: 'goals.field.direction',
};

/** An owner the editor offers: a unit or a person the signed-in manager may set goals for. */
export interface OwnerOption {
  kind: 'unit' | 'person';
  id: string;
  label: string;
}

/**
 * The goal form. Every keystroke re-runs the checks, so a reversed period or weights that do not
 * add up are explained next to the form while typing; errors disable Save, warnings and SMART
 * advice do not. A field's issues appear once it was touched or a save was tried. When someone
 * else changed a field this form changed too, their value is shown and a second Save keeps ours.
 * The rest of the panel keeps working whatever is typed here.
 */
export function GoalEditor(props: {
  initial: GoalDraft;
  isNew: boolean;
  org: string;
  goals: readonly Goal[];
  owners: readonly OwnerOption[];
  language: Language;
  t: Translate;
  /** Saves; returns null, an error to show, or the fields someone else changed meanwhile. */
  onSave: (goal: Goal, overwrite: readonly DraftField[]) => string | GoalConflict[] | null;
  onCancel: () => void;
}) {
  const { t } = props;
  const [draft, setDraft] = useState<GoalDraft>(props.initial);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [conflicts, setConflicts] = useState<GoalConflict[]>([]);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [tried, setTried] = useState(false);
  const touch = (field: DraftField): void =>
    setTouched((s) => (s.has(field) ? s : new Set([...s, field])));
  const check = useMemo(
    () => checkDraft(draft, props.org, props.goals),
    [draft, props.org, props.goals],
  );
  const set =
    <K extends keyof GoalDraft>(key: K) =>
    (event: Event): void => {
      const value = (event.currentTarget as HTMLInputElement).value as GoalDraft[K];
      setDraft((d) => ({ ...d, [key]: value }));
      if (key !== 'id') touch(key as DraftField);
    };
  const ownerKey = `${draft.ownerKind}:${draft.ownerId}`;
  const shown = visibleIssues(check.issues, touched, tried);
  const errors = shown.filter((i) => i.severity === 'error');
  const save = (event: Event): void => {
    event.preventDefault();
    setTried(true);
    if (check.goal === null) return;
    const result = props.onSave(
      check.goal,
      conflicts.map((c) => c.field),
    );
    setSaveError(typeof result === 'string' ? result : null);
    setConflicts(Array.isArray(result) ? result : []);
  };
  const shownValue = (c: GoalConflict): string => {
    if (c.field === 'parentId')
      return props.goals.find((g) => g.id === c.theirs)?.title ?? c.theirs;
    if (c.field === 'ownerId')
      return props.owners.find((o) => o.id === c.theirs)?.label ?? c.theirs;
    return c.theirs === '' ? t('goals.conflict.empty') : c.theirs;
  };
  const parents = props.goals.filter((g) => g.id !== draft.id);
  const parent = resolveParent(draft.parentId, props.goals, draft.id);

  return (
    <form class="goal-editor" data-testid="goal-editor" data-goal-id={draft.id} onSubmit={save}>
      <h3>{props.isNew ? t('goals.editor.new') : t('goals.editor.edit')}</h3>
      <label>
        {t('goals.field.title')}
        <input
          data-testid="goal-field-title"
          value={draft.title}
          onInput={set('title')}
          onBlur={() => touch('title')}
        />
      </label>
      <div class="row">
        <label>
          {t('goals.field.owner')}
          <select
            data-testid="goal-field-owner"
            value={ownerKey}
            onChange={(e) => {
              const [kind, ...rest] = (e.currentTarget as HTMLSelectElement).value.split(':');
              setDraft((d) => ({
                ...d,
                ownerKind: kind === 'unit' ? 'unit' : 'person',
                ownerId: rest.join(':'),
              }));
              touch('ownerId');
            }}
          >
            {props.owners.map((o) => (
              <option key={`${o.kind}:${o.id}`} value={`${o.kind}:${o.id}`}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('goals.field.visibility')}
          <select
            data-testid="goal-field-visibility"
            value={draft.visibility}
            onChange={set('visibility')}
          >
            <option value="public">{t('goals.visibility.public')}</option>
            <option value="private">{t('goals.visibility.private')}</option>
          </select>
        </label>
      </div>
      <label>
        {t('goals.field.parent')}
        <input
          data-testid="goal-field-parent"
          list="goal-parents"
          value={parentText(draft.parentId, props.goals)}
          placeholder={t('goals.field.parentHint')}
          onInput={set('parentId')}
          onBlur={() => touch('parentId')}
        />
        <datalist id="goal-parents">
          {parents.map((g) => (
            // The value is what lands in the box: the title, unless another goal shares it.
            <option key={g.id} value={parentText(g.id, props.goals)}>
              {g.id}
            </option>
          ))}
        </datalist>
        {parent.kind === 'goal' && (
          <span class="muted small" data-testid="goal-parent-title" data-parent-id={parent.id}>
            {props.goals.find((g) => g.id === parent.id)?.title ?? ''}
          </span>
        )}
      </label>
      <div class="row">
        <label>
          {t('goals.field.periodStart')}
          <input
            type="date"
            data-testid="goal-field-period-start"
            value={draft.periodStart}
            onInput={set('periodStart')}
          />
        </label>
        <label>
          {t('goals.field.periodEnd')}
          <input
            type="date"
            data-testid="goal-field-period-end"
            value={draft.periodEnd}
            onInput={set('periodEnd')}
          />
        </label>
      </div>
      <div class="row">
        <label>
          {t('goals.field.weight')}
          <input
            inputMode="decimal"
            data-testid="goal-field-weight"
            value={draft.weight}
            placeholder={t('goals.field.weightEqual')}
            onInput={set('weight')}
          />
        </label>
        <label>
          {t('goals.field.status')}
          <select data-testid="goal-field-status" value={draft.status} onChange={set('status')}>
            {(['draft', 'active', 'done', 'archived'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`goals.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div class="row">
        <label>
          {t('goals.field.start')}
          <input
            inputMode="decimal"
            data-testid="goal-field-start"
            value={draft.start}
            onInput={set('start')}
          />
        </label>
        <label>
          {t('goals.field.target')}
          <input
            inputMode="decimal"
            data-testid="goal-field-target"
            value={draft.target}
            onInput={set('target')}
          />
        </label>
      </div>
      <div class="row">
        <label>
          {t('goals.field.unit')}
          <input data-testid="goal-field-unit" value={draft.unit} onInput={set('unit')} />
        </label>
        <label>
          {t('goals.field.direction')}
          <select
            data-testid="goal-field-direction"
            value={draft.direction}
            onChange={set('direction')}
          >
            <option value="increase">{t('goals.direction.increase')}</option>
            <option value="decrease">{t('goals.direction.decrease')}</option>
          </select>
        </label>
      </div>
      <ul data-testid="goal-issues">
        {shown.map((issue, i) => (
          <li
            key={`${issue.code}-${i}`}
            class={`issue-${issue.severity}`}
            data-testid="goal-issue"
            data-code={issue.code}
            data-severity={issue.severity}
          >
            {issueText(issue, t, props.language)}
          </li>
        ))}
        {check.smart.map((finding) => (
          <li
            key={finding.code}
            class="issue-advice"
            data-testid="goal-smart"
            data-code={finding.code}
          >
            {t('goals.smart.prefix')} {finding.text[props.language]}
          </li>
        ))}
      </ul>
      {conflicts.length > 0 && (
        <div class="issue-warning" data-testid="goal-conflicts" role="alert">
          <ul>
            {conflicts.map((c) => (
              <li key={c.field} data-testid="goal-conflict" data-field={c.field}>
                {t('goals.conflict.field', {
                  field: t(FIELD_LABELS[c.field]),
                  theirs: shownValue(c),
                })}
              </li>
            ))}
          </ul>
          <p>{t('goals.conflict.hint')}</p>
        </div>
      )}
      {saveError && (
        <p class="issue-error" data-testid="goal-save-error">
          {saveError}
        </p>
      )}
      <div class="goal-actions">
        <button type="submit" class="primary" data-testid="goal-save" disabled={errors.length > 0}>
          {t('goals.save')}
        </button>
        <button type="button" data-testid="goal-cancel" onClick={props.onCancel}>
          {t('goals.cancel')}
        </button>
      </div>
    </form>
  );
}
