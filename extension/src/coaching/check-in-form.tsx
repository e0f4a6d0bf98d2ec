import { useState } from 'preact/hooks';
import type * as Y from 'yjs';
import { recordCheckIn } from '../core-browser.ts';
import type { Translate } from '../i18n/i18n.ts';
import { localIsoDate } from '../team/record-edits.ts';
import {
  checkInConfirmations,
  checkInRefusalText,
  confirmLabel,
  isConfirmable,
  type Refusal,
} from './confirmations.ts';

/** Reads "12,5" or "12.5"; anything else is passed on as text so the refusal can name it. */
export function valueFromText(text: string): number | string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  const n = Number(trimmed.replace(',', '.'));
  return Number.isFinite(n) ? n : trimmed;
}

/** Noon on a local calendar day as an ISO instant: the same day in every nearby zone. */
export function noonInstant(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12).toISOString();
}

/**
 * The check-in form of one goal. The value is checked by core before anything is written; on a
 * refusal (not a number, a date far ahead or long before the period, a value far outside
 * start..target, the goal deleted on another device meanwhile) the
 * message says what to do and everything typed stays in the form, so nothing is lost.
 */
export function CheckInForm(props: {
  doc: Y.Doc | undefined;
  goalId: string;
  authorId: string;
  timeZone: string;
  t: Translate;
}) {
  const { t } = props;
  const [value, setValue] = useState('');
  const [date, setDate] = useState(localIsoDate(new Date()));
  const [confidence, setConfidence] = useState('');
  const [note, setNote] = useState('');
  const [blockers, setBlockers] = useState('');
  const [problem, setProblem] = useState<Refusal | null>(null);
  const [saved, setSaved] = useState(false);

  // `confirmed` lists the refusals the user overruled for this draft (a date, then a value).
  const submit = (confirmed: readonly string[]): void => {
    setSaved(false);
    if (!props.doc) return;
    const conf = confidence.trim() === '' ? null : Number(confidence.replace(',', '.')) / 10;
    const result = recordCheckIn(
      props.doc,
      {
        id: crypto.randomUUID(),
        goalId: props.goalId,
        at: noonInstant(date),
        value: valueFromText(value),
        confidence: conf !== null && Number.isFinite(conf) ? Math.min(1, Math.max(0, conf)) : null,
        note: note.trim(),
        blockers: blockers
          .split('\n')
          .map((b) => b.trim())
          .filter((b) => b !== ''),
        authorId: props.authorId,
      },
      { now: new Date(), timeZone: props.timeZone, ...checkInConfirmations(confirmed) },
    );
    if (result.ok) {
      setProblem(null);
      setValue('');
      setNote('');
      setBlockers('');
      setSaved(true);
      return;
    }
    setProblem({
      reason: result.reason,
      message: result.message,
      details: result.details as Record<string, unknown> | undefined,
      confirmed,
    });
  };

  const problemText = problem ? checkInRefusalText(problem, t) : null;

  return (
    <form
      class="coaching-form"
      data-testid="check-in-form"
      data-goal-id={props.goalId}
      onSubmit={(e) => {
        e.preventDefault();
        submit([]);
      }}
    >
      <label>
        {t('coaching.value')}
        <input
          type="text"
          inputMode="decimal"
          data-testid="check-in-value"
          value={value}
          aria-invalid={problem?.reason === 'value-not-a-number'}
          onInput={(e) => setValue(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('coaching.date')}
        <input
          type="date"
          data-testid="check-in-date"
          value={date}
          onInput={(e) => setDate(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('coaching.confidence')}
        <input
          type="number"
          min="0"
          max="10"
          step="1"
          data-testid="check-in-confidence"
          value={confidence}
          onInput={(e) => setConfidence(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('coaching.note')}
        <input type="text" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <label>
        {t('coaching.blockers')}
        <textarea rows={2} value={blockers} onInput={(e) => setBlockers(e.currentTarget.value)} />
      </label>
      <button type="submit" class="primary" data-testid="check-in-save" disabled={!props.doc}>
        {t('coaching.save')}
      </button>
      {problemText && (
        <p
          class="form-error"
          role="alert"
          data-testid="check-in-error"
          data-reason={problem?.reason}
        >
          {problemText}
          {problem && isConfirmable(problem.reason) && (
            <button
              type="button"
              class="link"
              data-testid="check-in-confirm"
              onClick={() => submit([...(problem.confirmed ?? []), problem.reason])}
            >
              {confirmLabel(problem.reason, t)}
            </button>
          )}
        </p>
      )}
      {saved && (
        <p class="muted small" data-testid="check-in-saved">
          {t('coaching.saved')}
        </p>
      )}
    </form>
  );
}
