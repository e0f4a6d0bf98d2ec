import { INDUSTRIES, type Industry } from '@firstline/fixtures/library/index';
import { useMemo, useState } from 'preact/hooks';
import type { Directory, Goal, Unit } from '../core-browser.ts';
import type { Language, Translate } from '../i18n/i18n.ts';
import { draftTeamGoals } from './draft-team-goals.ts';

/**
 * "Draft my team's goals": one click turns the selected parent goal and the industry library into
 * draft goals for a team (its share of the parent's figures and the industry's usual goals), shown
 * with how they were reached before anything is written.
 */
export function TeamDraftPanel(props: {
  parent: Goal;
  teams: readonly Unit[];
  directory: Directory;
  language: Language;
  t: Translate;
  newId: () => string;
  onCreate: (goals: Goal[]) => string | null;
  onClose: () => void;
}) {
  const { t } = props;
  const [teamId, setTeamId] = useState(props.teams[0]?.id ?? '');
  const [industry, setIndustry] = useState<Industry | ''>('');
  const [error, setError] = useState<string | null>(null);
  const team = props.teams.find((u) => u.id === teamId);
  const draft = useMemo(
    () =>
      team
        ? draftTeamGoals({
            parent: props.parent,
            team,
            directory: props.directory,
            locale: props.language,
            newId: props.newId,
            industry: industry === '' ? null : industry,
          })
        : null,
    [props.parent, team, props.directory, props.language, industry],
  );
  return (
    <section class="wizard" data-testid="team-draft">
      <h3>{t('goals.draft.title', { title: props.parent.title })}</h3>
      <label>
        {t('goals.draft.team')}
        <select
          data-testid="team-draft-team"
          value={teamId}
          onChange={(e) => setTeamId((e.currentTarget as HTMLSelectElement).value)}
        >
          {props.teams.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('goals.draft.industry')}
        <select
          data-testid="team-draft-industry"
          value={industry === '' ? (draft?.industry ?? '') : industry}
          onChange={(e) =>
            setIndustry((e.currentTarget as HTMLSelectElement).value as Industry | '')
          }
        >
          <option value="">{t('goals.draft.industryNone')}</option>
          {INDUSTRIES.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name[props.language]}
            </option>
          ))}
        </select>
      </label>
      <ul>
        {(draft?.goals ?? []).map((g) => (
          <li key={g.id} data-testid="team-draft-goal">
            {g.title}
            {g.metric && (
              <span class="muted small">
                {' '}
                ({g.metric.start} → {g.metric.target}
                {g.metric.unit ? ` ${g.metric.unit}` : ''})
              </span>
            )}
          </li>
        ))}
      </ul>
      <ol class="working">
        {(draft?.steps ?? []).map((s, i) => (
          <li key={i} data-testid="team-draft-step">
            {s.text}
          </li>
        ))}
      </ol>
      {error && <p class="issue-error">{error}</p>}
      <div class="goal-actions">
        <button
          type="button"
          class="primary"
          data-testid="team-draft-create"
          disabled={!draft || draft.goals.length === 0}
          onClick={() => draft && setError(props.onCreate(draft.goals))}
        >
          {t('goals.draft.create', { count: draft?.goals.length ?? 0 })}
        </button>
        <button type="button" onClick={props.onClose}>
          {t('goals.cancel')}
        </button>
      </div>
    </section>
  );
}
