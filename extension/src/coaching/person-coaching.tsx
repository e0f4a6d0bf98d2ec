import { useState } from 'preact/hooks';
import {
  entriesForGoal,
  orphanedCheckIns,
  putCoachingEntry,
  type CoachingEntry,
  type Goal,
} from '../core-browser.ts';
import type { Translate } from '../i18n/i18n.ts';
import { localIsoDate } from '../team/record-edits.ts';
import { CheckInForm } from './check-in-form.tsx';
import { entryContext, entryRefusalText, type Refusal } from './confirmations.ts';
import { PaceTag } from './coaching-screen.tsx';
import { Sparkline } from './sparkline.tsx';
import type { CoachingState } from './use-coaching.ts';

function EntryItem(props: { entry: CoachingEntry; t: Translate }) {
  const { entry, t } = props;
  return (
    <li data-testid="coaching-entry" data-entry-id={entry.id}>
      <time class="muted small">{entry.date}</time> <strong>{entry.topic}</strong>
      {entry.discussed && <p>{entry.discussed}</p>}
      {entry.agreed && (
        <p>
          <span class="muted small">{t('coaching.agreed')}: </span>
          {entry.agreed}
        </p>
      )}
      {entry.outcome && (
        <p>
          <span class="muted small">{t('coaching.outcome')}: </span>
          {entry.outcome}
        </p>
      )}
      {entry.followUpOn && (
        <p class="muted small">
          {t('coaching.followUp')}: {entry.followUpOn}
        </p>
      )}
    </li>
  );
}

/**
 * The form that logs one coaching conversation, linked to the goals it was about. A refusal (no
 * topic, a follow-up before the conversation, a date far ahead) keeps everything typed; a far date
 * can be confirmed.
 */
function EntryForm(props: {
  goals: Goal[];
  onSave: (
    fields: Omit<CoachingEntry, 'id' | 'personId' | 'authorId'>,
    confirmFuture: boolean,
  ) => Refusal | null;
  t: Translate;
}) {
  const { t } = props;
  const [date, setDate] = useState(localIsoDate(new Date()));
  const [goalIds, setGoalIds] = useState<string[]>([]);
  const [topic, setTopic] = useState('');
  const [discussed, setDiscussed] = useState('');
  const [agreed, setAgreed] = useState('');
  const [outcome, setOutcome] = useState('');
  const [followUpOn, setFollowUpOn] = useState('');
  const [error, setError] = useState<Refusal | null>(null);
  const save = (confirmFuture: boolean): void => {
    const refusal = props.onSave(
      {
        date,
        goalIds,
        topic: topic.trim(),
        discussed: discussed.trim(),
        agreed: agreed.trim(),
        outcome: outcome.trim(),
        followUpOn: followUpOn === '' ? null : followUpOn,
      },
      confirmFuture,
    );
    setError(refusal);
    if (refusal === null) {
      setTopic('');
      setDiscussed('');
      setAgreed('');
      setOutcome('');
      setFollowUpOn('');
      setGoalIds([]);
    }
  };
  return (
    <form
      class="coaching-form"
      data-testid="coaching-form"
      onSubmit={(e) => {
        e.preventDefault();
        save(false);
      }}
    >
      <label>
        {t('coaching.date')}
        <input type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
      </label>
      {props.goals.length > 0 && (
        <fieldset>
          <legend class="small">{t('coaching.goalsConcerned')}</legend>
          {props.goals.map((g) => (
            <label key={g.id} class="small">
              <input
                type="checkbox"
                data-testid="coaching-goal"
                value={g.id}
                checked={goalIds.includes(g.id)}
                onChange={(e) =>
                  setGoalIds(
                    e.currentTarget.checked
                      ? [...goalIds, g.id]
                      : goalIds.filter((id) => id !== g.id),
                  )
                }
              />{' '}
              {g.title}
            </label>
          ))}
        </fieldset>
      )}
      <label>
        {t('coaching.topic')}
        <input
          type="text"
          data-testid="coaching-topic"
          value={topic}
          onInput={(e) => setTopic(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('coaching.discussed')}
        <textarea
          rows={2}
          data-testid="coaching-discussed"
          value={discussed}
          onInput={(e) => setDiscussed(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('coaching.agreed')}
        <textarea
          rows={2}
          data-testid="coaching-agreed"
          value={agreed}
          onInput={(e) => setAgreed(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('coaching.outcome')}
        <input type="text" value={outcome} onInput={(e) => setOutcome(e.currentTarget.value)} />
      </label>
      <label>
        {t('coaching.followUp')}
        <input
          type="date"
          data-testid="coaching-follow-up"
          value={followUpOn}
          onInput={(e) => setFollowUpOn(e.currentTarget.value)}
        />
      </label>
      <button type="submit" class="primary" data-testid="coaching-save">
        {t('coaching.addEntry')}
      </button>
      {error && (
        <p class="form-error" role="alert" data-testid="coaching-error" data-reason={error.reason}>
          {entryRefusalText(error, t)}
          {error.reason === 'far-future' && (
            <button
              type="button"
              class="link"
              data-testid="coaching-confirm"
              onClick={() => save(true)}
            >
              {t('coaching.confirmFuture')}
            </button>
          )}
        </p>
      )}
    </form>
  );
}

/**
 * The coaching part of a person's page: their goals with pace, a check-in form and the coaching
 * logged on each goal (the evidence a review will cite), then the log itself with its form.
 */
export function PersonCoaching(props: {
  personId: string;
  personName: string;
  authorId: string;
  state: CoachingState;
  t: Translate;
}) {
  const { state, t, personId } = props;
  const data = state.data;
  if (!data || !state.names) return null;
  const owned = (g: Goal) => g.owner.kind === 'person' && g.owner.id === personId;
  const goals = data.goals.filter(owned);
  const deleted = new Set(data.deletedGoals.filter(owned).map((g) => g.id));
  const shown = [...goals, ...data.deletedGoals.filter(owned)];
  const row = state.dashboard.find((r) => r.personId === personId);
  const logName = state.names.coaching.get(personId);
  const logDoc = logName ? state.docs.get(logName) : undefined;
  const denied = logName !== undefined && state.denied.has(logName);
  const entries = data.entries.get(personId) ?? [];
  const orphans = [...data.checkInsByDoc].flatMap(([name, list]) => {
    const doc = state.docs.get(name);
    return doc ? orphanedCheckIns(doc, list) : [];
  });
  const mine = orphans.filter((o) => o.checkIn.authorId === props.authorId);

  const save = (
    fields: Omit<CoachingEntry, 'id' | 'personId' | 'authorId'>,
    confirmFuture: boolean,
  ): Refusal | null => {
    if (!logDoc) return { reason: 'no-document', message: 'the coaching log is not open' };
    const result = putCoachingEntry(
      logDoc,
      personId,
      { ...fields, id: crypto.randomUUID(), personId, authorId: props.authorId },
      entryContext(new Date(), data.timeZone, confirmFuture),
    );
    if (result.ok) return null;
    return {
      reason: result.reason,
      message: result.message,
      details: result.details as Record<string, unknown> | undefined,
    };
  };

  return (
    <>
      <section class="card" data-testid="person-goals">
        <h3>{t('coaching.goals')}</h3>
        {goals.length === 0 && <p class="muted">{t('coaching.noGoals')}</p>}
        {shown.map((goal) => {
          const paced = row?.goals.find((g) => g.goalId === goal.id);
          const evidence = entriesForGoal(entries, goal.id);
          return (
            <div
              class="coaching-goal"
              key={goal.id}
              data-testid="person-goal"
              data-goal-id={goal.id}
              data-deleted={deleted.has(goal.id) ? 'true' : 'false'}
            >
              <div class="pace-goal">
                <strong class="pace-goal-title">{goal.title}</strong>
                {deleted.has(goal.id) && <span class="pace-tag">{t('coaching.deleted')}</span>}
                {paced && <PaceTag status={paced.pace.status} t={t} />}
                {paced && <Sparkline points={paced.sparkline} />}
              </div>
              <details>
                <summary>{t('coaching.checkIn')}</summary>
                <CheckInForm
                  doc={state.docs.get(data.goalDoc.get(goal.id) ?? '')}
                  goalId={goal.id}
                  authorId={props.authorId}
                  timeZone={data.timeZone}
                  t={t}
                />
              </details>
              <h4 class="small">{t('coaching.evidence')}</h4>
              {evidence.length === 0 ? (
                <p class="muted small">{t('coaching.noEvidence')}</p>
              ) : (
                <ul class="goal-evidence" data-testid="goal-evidence">
                  {evidence.map((e) => (
                    <EntryItem key={e.id} entry={e} t={t} />
                  ))}
                </ul>
              )}
            </div>
          );
        })}
        {mine.length > 0 && (
          <div data-testid="orphaned-check-ins">
            <h4 class="small">{t('coaching.orphans')}</h4>
            <ul>
              {mine.map((o) => (
                <li key={o.checkIn.id} class="small">
                  {o.message}
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
      <section class="card" data-testid="coaching-log">
        <h3>{t('coaching.log')}</h3>
        {denied ? (
          <p class="warn" data-testid="coaching-denied">
            {t('coaching.logDenied')}
          </p>
        ) : (
          <>
            <p class="muted small">{t('coaching.logPrivate', { name: props.personName })}</p>
            <EntryForm goals={goals} onSave={save} t={t} />
            {entries.length === 0 ? (
              <p class="muted">{t('coaching.noEntries')}</p>
            ) : (
              <ul class="coaching-log">
                {entries.map((e) => (
                  <EntryItem key={e.id} entry={e} t={t} />
                ))}
              </ul>
            )}
          </>
        )}
      </section>
    </>
  );
}
