import { useMemo, useState } from 'preact/hooks';
import {
  calibrateScore,
  expectedReviewsFor,
  readFeedback,
  readRecord,
  readReview,
  readScorecard,
  recordFigures,
  setActual,
  setPotential,
  submitScorecard,
  unitAverages,
  type CycleSettings,
  type Directory,
  type PersonRecord,
  type ReportInput,
} from '../core-browser.ts';
import type { Language, Translate } from '../i18n/i18n.ts';
import type { DocStore } from '../store/doc-store.ts';
import type { DocView } from '../ui/use-docs.ts';
import { FeedbackThread } from './feedback-thread.tsx';
import { ReportEditor } from './report-editor.tsx';
import {
  cycleDocNames,
  finalScore,
  liveScore,
  nowIso,
  parseTyped,
  submittedReviews,
} from './review-model.ts';
import { useParsedDocs } from './use-doc.ts';

/** A manager's view of one report's scorecard in a cycle: figures, reviews, score, report, thread. */
export function ScorecardScreen(props: {
  store: DocStore;
  org: string;
  me: string;
  cycle: CycleSettings;
  directory: Directory;
  personId: string;
  /** Record documents of the manager's direct reports: figures and the team's averages. */
  records: ReadonlyMap<string, DocView>;
  language: Language;
  t: Translate;
  onRefresh: () => void;
}) {
  const { cycle, directory, personId, t, me } = props;
  const names = cycleDocNames(props.org, cycle.id, personId);
  const expected = useMemo(
    () => expectedReviewsFor(directory, cycle, personId),
    [directory, cycle, personId],
  );
  const cardState = useParsedDocs(props.store, [names.scorecard], readScorecard).get(
    names.scorecard,
  );
  const fbState = useParsedDocs(props.store, [names.feedback], readFeedback).get(names.feedback);
  const reviewNames = expected.map((e) => names.review(e.raterId));
  const reviewStates = useParsedDocs(props.store, reviewNames, readReview);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [why, setWhy] = useState('');
  const [calibrated, setCalibrated] = useState('');
  const [error, setError] = useState<string | null>(null);

  const card = cardState?.value ?? null;
  const doc = cardState?.view?.opened.doc;
  const reviewViews = new Map(
    expected.flatMap((e) => {
      const v = reviewStates.get(names.review(e.raterId))?.value;
      return v ? [[e.raterId, v] as const] : [];
    }),
  );
  const reviews = submittedReviews(expected, reviewViews);
  const live = card ? liveScore(card, reviews) : null;
  const breakdown = live?.ok ? live.value : null;
  const final = card ? finalScore(card, breakdown) : null;
  const person = directory.people.get(personId);
  const nameOf = (id: string): string => directory.people.get(id)?.name ?? id;

  const teamRecords = useMemo(() => {
    const out = new Map<string, PersonRecord>();
    for (const [id, view] of props.records)
      if (view.loaded) out.set(id, readRecord(view.opened.doc));
    return out;
  }, [props.records, cardState?.value]);
  const record = teamRecords.get(personId) ?? null;

  if (cardState?.refused) return <p class="warn">{t('review.refused')}</p>;
  if (!card) return <p class="muted">{t('team.loading')}</p>;
  if (!card.snapshot)
    return (
      <p class="muted" data-testid="card-missing">
        {t('review.noCard')}
      </p>
    );
  const snapshot = card.snapshot;
  const submitted = card.submitted !== null;
  const closed = cycle.phase === 'closed';

  const commit = (key: string, text: string, source: 'manager' | 'record' = 'manager'): void => {
    if (!doc) return;
    const value = text.trim() === '' ? null : parseTyped(text);
    if (text.trim() !== '' && value === null) return setError(t('review.ratingNumber'));
    const r = setActual(doc, key, value, { by: me, at: nowIso(), why, source });
    setError(r.ok ? null : r.reason === 'why-required' ? t('review.whyRequired') : r.message);
  };
  const fillFromRecord = (): void => {
    if (!record) return;
    const figures = recordFigures(record);
    for (const ind of snapshot.indicators) {
      const value = figures[ind.key];
      if (value !== undefined && !card.actuals.has(ind.key))
        commit(ind.key, String(value), 'record');
    }
  };
  const unitId = person?.unitId ?? null;
  const peers = [...teamRecords].filter(([id]) => directory.people.get(id)?.unitId === unitId);
  const averages =
    unitAverages(peers.map(([, r]) => ({ unitId: 'team', figures: recordFigures(r) }))).get(
      'team',
    ) ?? new Map();
  const reportInput: Omit<ReportInput, 'language'> = {
    cycleId: cycle.id,
    cycleName: cycle.name,
    person: { id: personId, name: person?.name ?? personId },
    today: nowIso().slice(0, 10),
    score: final,
    bands: snapshot.bands,
    indicators: snapshot.indicators,
    actuals: Object.fromEntries([...card.actuals].map(([k, v]) => [k, v.value])),
    unitName: snapshot.unitName || t('review.yourTeam'),
    averages,
    evidence: (record?.notes ?? []).map((n) => ({
      date: n.date,
      source: 'note' as const,
      text: n.text,
    })),
    period: { start: cycle.start, end: cycle.end },
  };

  return (
    <article class="review-card" data-testid="scorecard" data-person-id={personId}>
      <header class="person-head">
        <h2>{snapshot.name}</h2>
        <div class="muted">
          {[snapshot.title, snapshot.unitName, snapshot.templateLabel].filter(Boolean).join(' · ')}
        </div>
      </header>
      <section class="card" data-testid="card-score">
        <h3>{t('review.score')}</h3>
        <p class="score-line">
          <strong data-testid="card-final">{final ? final.display : '–'}</strong>{' '}
          <span class="muted">{final?.label ?? ''}</span>
          {card.calibrated && <span class="tag">{t('review.calibrated')}</span>}
        </p>
        {breakdown && (
          <ul class="figures small">
            {breakdown.groups
              .filter((g) => g.weight > 0 || g.submitted > 0)
              .map((g) => (
                <li key={g.group} class="figure" data-testid="card-group" data-group={g.group}>
                  <span class="figure-label">{t(`review.group.${g.group}`)}</span>
                  <span class="figure-value">
                    {g.score ? g.score.display : t(`review.status.${g.status}`)} ({g.submitted})
                  </span>
                </li>
              ))}
          </ul>
        )}
        {live && !live.ok && <p class="warn small">{live.message}</p>}
      </section>
      <section class="card">
        <h3>{t('review.figures')}</h3>
        {submitted && !closed && (
          <label class="why">
            <span>{t('review.why')}</span>
            <input
              data-testid="card-why"
              value={why}
              onInput={(e) => setWhy(e.currentTarget.value)}
            />
          </label>
        )}
        <ul class="indicators">
          {snapshot.indicators.map((ind, i) => {
            const entry = card.actuals.get(ind.key);
            const line = breakdown?.indicators[i];
            return (
              <li key={ind.key} class="indicator" data-testid="card-indicator" data-key={ind.key}>
                <div class="indicator-row">
                  <span class="figure-label">{ind.label}</span>
                  <input
                    class="figure-input"
                    data-testid="card-actual"
                    inputMode="decimal"
                    disabled={closed}
                    value={drafts[ind.key] ?? (entry?.value ?? '').toString()}
                    onInput={(e) => setDrafts({ ...drafts, [ind.key]: e.currentTarget.value })}
                    onChange={(e) => commit(ind.key, e.currentTarget.value)}
                  />
                  <span class="figure-unit">{ind.unit}</span>
                  <span class="figure-value" data-testid="card-indicator-score">
                    {line?.score?.display ?? '–'}
                  </span>
                </div>
              </li>
            );
          })}
        </ul>
        {!closed && (
          <div class="actions">
            <button
              type="button"
              data-testid="card-fill"
              disabled={!record}
              onClick={fillFromRecord}
            >
              {t('review.fillFromRecord')}
            </button>
            {!submitted && (
              <button
                type="button"
                class="primary"
                data-testid="card-submit"
                onClick={() =>
                  doc && submitScorecard(doc, { by: me, at: nowIso() }, final?.value ?? null)
                }
              >
                {t('review.submitCard')}
              </button>
            )}
          </div>
        )}
        {submitted && (
          <p class="ok small" data-testid="card-submitted">
            {t('review.cardSubmitted')}
          </p>
        )}
        {error && (
          <p class="warn small" data-testid="card-error">
            {error}
          </p>
        )}
      </section>
      <section class="card">
        <h3>{t('review.reviews')}</h3>
        <ul class="notes">
          {expected.map((e) => {
            const st = reviewStates.get(names.review(e.raterId));
            const done = st?.value?.submitted ? 'submitted' : 'waiting';
            return (
              <li key={e.raterId} data-testid="card-review" data-group={e.group} data-state={done}>
                {t(`review.group.${e.group}`)} ·{' '}
                {e.group === 'peers' ? t('review.peerHidden') : nameOf(e.raterId)}{' '}
                <span class={done === 'submitted' ? 'ok' : 'muted'}>
                  {t(`review.state.${done}`)}
                </span>
              </li>
            );
          })}
        </ul>
        <button type="button" class="link" data-testid="card-refresh" onClick={props.onRefresh}>
          {t('review.refresh')}
        </button>
      </section>
      {submitted && !closed && (
        <section class="card">
          <h3>{t('review.calibration')}</h3>
          <div class="inline-form">
            <input
              data-testid="card-calibrated"
              inputMode="decimal"
              placeholder={final?.display ?? ''}
              value={calibrated}
              onInput={(e) => setCalibrated(e.currentTarget.value)}
            />
            <button
              type="button"
              data-testid="card-calibrate"
              onClick={() => {
                const value = parseTyped(calibrated);
                if (!doc || value === null) return;
                const r = calibrateScore(doc, value, final?.value ?? null, {
                  by: me,
                  at: nowIso(),
                  why,
                });
                setError(
                  r.ok ? null : r.reason === 'why-required' ? t('review.whyRequired') : r.message,
                );
              }}
            >
              {t('review.calibrate')}
            </button>
          </div>
          <label>
            <span>{t('review.potential')}</span>
            <input
              data-testid="card-potential"
              inputMode="decimal"
              value={card.potential === null ? '' : String(card.potential)}
              onChange={(e) => {
                const value = parseTyped(e.currentTarget.value);
                if (doc && value !== null) setPotential(doc, value);
              }}
            />
          </label>
          {card.audit.length > 0 && (
            <ul class="notes small" data-testid="card-audit">
              {card.audit.map((a, i) => (
                <li key={i}>
                  {a.at.slice(0, 16).replace('T', ' ')} · {nameOf(a.by)} · {a.field}:{' '}
                  {a.from ?? '–'} → {a.to ?? '–'} · {a.why}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <ReportEditor
        doc={doc}
        card={card}
        input={reportInput}
        language={props.language}
        me={me}
        t={t}
      />
      {card.released && (
        <FeedbackThread
          doc={fbState?.view?.opened.doc}
          view={fbState?.value ?? null}
          directory={directory}
          me={me}
          canAcknowledge={false}
          canWrite={!closed}
          t={t}
        />
      )}
    </article>
  );
}
