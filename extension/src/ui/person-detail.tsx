import { readRecord, type IndicatorValue } from '../core-browser.ts';
import { useMemo, useState } from 'preact/hooks';
import type { Translate } from '../i18n/i18n.ts';
import { addNote, correctIndicator, localIsoDate } from '../team/record-edits.ts';
import { formatNumber, formatRating, type TeamRow } from '../team/team-rows.ts';
import type { DocView } from './use-docs.ts';

/** One indicator line with an inline "correct the figure" editor. */
function IndicatorLine(props: {
  indicator: IndicatorValue;
  t: Translate;
  onCorrect: (value: number) => boolean;
}) {
  const { indicator, t } = props;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState(false);
  const save = (event: Event): void => {
    event.preventDefault();
    const value = Number(draft.replace(',', '.'));
    if (draft.trim() === '' || !Number.isFinite(value) || !props.onCorrect(value)) {
      setError(true);
      return;
    }
    setEditing(false);
    setError(false);
  };
  return (
    <li class="indicator" data-testid="indicator" data-indicator-key={indicator.key}>
      <div class="indicator-row">
        <span class="figure-label">{indicator.label}</span>
        <span class="figure-value" data-testid="indicator-value">
          {formatNumber(indicator.value)}
          {indicator.unit && <span class="figure-unit">{indicator.unit}</span>}
        </span>
        {!editing && (
          <button
            type="button"
            class="link"
            data-testid="indicator-correct"
            onClick={() => {
              setDraft(String(indicator.value));
              setEditing(true);
            }}
          >
            {t('person.correct')}
          </button>
        )}
      </div>
      {indicator.asOf && (
        <div class="muted small">
          {t('person.asOf', { date: indicator.asOf })} · {indicator.source}
        </div>
      )}
      {editing && (
        <form class="inline-form" onSubmit={save}>
          <input
            type="text"
            inputMode="decimal"
            data-testid="indicator-input"
            value={draft}
            aria-invalid={error}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
          <button type="submit" class="primary" data-testid="indicator-save">
            {t('person.correctSave')}
          </button>
          <button type="button" class="link" onClick={() => setEditing(false)}>
            {t('person.cancel')}
          </button>
          {error && <span class="warn small">{t('person.invalidNumber')}</span>}
        </form>
      )}
    </li>
  );
}

/**
 * A report's detail: rating, indicator figures (correctable) and dated notes. Edits go straight
 * into the record's Y.Doc, which IndexedDB keeps and the provider syncs when it can.
 */
export function PersonDetail(props: {
  row: TeamRow | undefined;
  view: DocView | undefined;
  authorId: string;
  t: Translate;
}) {
  const { row, view, t } = props;
  const [text, setText] = useState('');
  const record = useMemo(
    () => (view?.loaded ? readRecord(view.opened.doc) : null),
    // The row object changes on every update of the record, which is what should trigger this.
    [view, row],
  );
  if (!row) return <p class="muted">{t('person.unknown')}</p>;
  const editable = record !== null && row.record !== 'denied';
  const notes = record ? [...record.notes].sort((a, b) => b.date.localeCompare(a.date)) : [];

  const submitNote = (event: Event): void => {
    event.preventDefault();
    if (!view || text.trim() === '') return;
    const result = addNote(view.opened.doc, {
      id: crypto.randomUUID(),
      authorId: props.authorId,
      date: localIsoDate(new Date()),
      text,
    });
    if (result.ok) setText('');
  };

  return (
    <article class="person" data-testid="person-detail" data-person-id={row.personId}>
      <header class="person-head">
        <h2>{row.name}</h2>
        <div class="muted">{[row.title, row.unitName].filter((s) => s !== '').join(' · ')}</div>
      </header>

      {row.record === 'denied' && <p class="warn">{t('team.noAccess')}</p>}

      <section class="card">
        <h3>{t('person.rating')}</h3>
        <p data-testid="person-rating">
          {row.rating ? (
            <>
              <strong>{formatRating(row.rating)}</strong>{' '}
              <span class="muted small">
                {row.rating.cycleLabel}
                {row.rating.date ? ` · ${row.rating.date}` : ''}
              </span>
            </>
          ) : (
            <span class="muted">{t('team.noRating')}</span>
          )}
        </p>
      </section>

      <section class="card">
        <h3>{t('person.indicators')}</h3>
        {row.indicators.length === 0 ? (
          <p class="muted">{t('person.noIndicators')}</p>
        ) : (
          <ul class="indicators" data-testid="indicator-list">
            {row.indicators.map((indicator) => (
              <IndicatorLine
                key={indicator.key}
                indicator={indicator}
                t={t}
                onCorrect={(value) =>
                  editable &&
                  correctIndicator(view!.opened.doc, indicator.key, value, localIsoDate(new Date()))
                    .ok
                }
              />
            ))}
          </ul>
        )}
      </section>

      <section class="card">
        <h3>{t('person.notes')}</h3>
        <form class="note-form" onSubmit={submitNote}>
          <textarea
            data-testid="note-input"
            rows={3}
            maxLength={4000}
            placeholder={t('person.notePlaceholder')}
            value={text}
            disabled={!editable}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <button
            type="submit"
            class="primary"
            data-testid="note-add"
            disabled={!editable || text.trim() === ''}
          >
            {t('person.addNote')}
          </button>
        </form>
        {notes.length === 0 ? (
          <p class="muted" data-testid="notes-empty">
            {t('person.noNotes')}
          </p>
        ) : (
          <ul class="notes" data-testid="notes-list">
            {notes.map((note) => (
              <li key={note.id} data-testid="note" data-note-id={note.id}>
                <time class="muted small">{note.date}</time>
                <p>{note.text}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
