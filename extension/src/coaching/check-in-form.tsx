import { useState } from 'preact/hooks';
import type * as Y from 'yjs';
import { recordCheckIn } from '../core-browser.ts';
import type { Translate } from '../i18n/i18n.ts';
import { localIsoDate } from '../team/record-edits.ts';

/** A problem with the last attempt, kept next to the form (whose fields are never cleared). */
interface Problem {
  reason: string;
  message: string;
  daysAhead?: number;
}

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
 * refusal (not a number, a date far ahead, the goal deleted on another device meanwhile) the
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
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = (confirmFuture: boolean): void => {
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
      { now: new Date(), timeZone: props.timeZone, confirmFuture },
    );
    if (result.ok) {
      setProblem(null);
      setValue('');
      setNote('');
      setBlockers('');
      setSaved(true);
      return;
    }
    const details = result.details as { daysAhead?: number } | undefined;
    setProblem({ reason: result.reason, message: result.message, daysAhead: details?.daysAhead });
  };

  let problemText: string | null = null;
  if (problem) {
    if (problem.reason === 'far-future') {
      problemText = t('coaching.error.far-future', { days: problem.daysAhead ?? '?' });
    } else if (problem.reason === 'invalid-check-in') {
      problemText = t('coaching.error.invalid-check-in', { message: problem.message });
    } else if (
      problem.reason === 'value-not-a-number' ||
      problem.reason === 'goal-deleted' ||
      problem.reason === 'goal-not-found'
    ) {
      problemText = t(`coaching.error.${problem.reason}`);
    } else problemText = problem.message;
  }

  return (
    <form
      class="coaching-form"
      data-testid="check-in-form"
      data-goal-id={props.goalId}
      onSubmit={(e) => {
        e.preventDefault();
        submit(false);
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
          {problem?.reason === 'far-future' && (
            <button
              type="button"
              class="link"
              data-testid="check-in-confirm"
              onClick={() => submit(true)}
            >
              {t('coaching.confirmFuture')}
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
