import {
  markReminderDone,
  snoozeReminder,
  type DashboardPerson,
  type Directory,
  type Reminder,
} from '../core-browser.ts';
import type { Translate } from '../i18n/i18n.ts';
import { orgToday } from './coaching-model.ts';
import { reminderText } from './reminder-text.ts';
import { Sparkline } from './sparkline.tsx';
import { TeamChart } from './team-chart.tsx';
import type { CoachingState } from './use-coaching.ts';
import './coaching.css';

const WEEK_MS = 7 * 86_400_000;

/** A pace status as a coloured tag. */
export function PaceTag(props: { status: DashboardPerson['worstStatus']; t: Translate }) {
  return (
    <span
      class={`pace-tag pace-${props.status}`}
      data-testid="pace-status"
      data-status={props.status}
    >
      {props.t(`coaching.status.${props.status}`)}
    </span>
  );
}

/** The reminder inbox: one line per reminder, with snooze (a week) and done. */
export function ReminderInbox(props: {
  state: CoachingState;
  directory: Directory;
  t: Translate;
  onOpenPerson: (personId: string) => void;
}) {
  const { state, t } = props;
  const prefs = state.names ? state.docs.get(state.names.prefs) : undefined;
  const tz = state.data?.timeZone ?? 'UTC';
  const title = (r: Reminder) => state.data?.goals.find((g) => g.id === r.goalId)?.title ?? '';
  if (state.reminders.length === 0) {
    return (
      <p class="muted" data-testid="reminder-empty">
        {t('coaching.inboxEmpty')}
      </p>
    );
  }
  return (
    <ul class="reminders" data-testid="reminder-list">
      {state.reminders.map((r) => (
        <li
          key={r.key}
          class={`reminder sev-${r.severity}`}
          data-testid="reminder"
          data-key={r.key}
        >
          {props.directory.people.has(r.subjectId) ? (
            <button type="button" class="link" onClick={() => props.onOpenPerson(r.subjectId)}>
              {props.directory.people.get(r.subjectId)?.name ?? r.subjectId}
            </button>
          ) : (
            // A team's own goal: the team is named, there is no person page to open.
            <strong>{props.directory.units.get(r.subjectId)?.name ?? r.subjectId}</strong>
          )}
          <span class="reminder-text">{reminderText(r, title(r), t)}</span>
          <span class="reminder-actions">
            <button
              type="button"
              data-testid="reminder-snooze"
              disabled={!prefs}
              onClick={() =>
                prefs &&
                snoozeReminder(prefs, r.streamKey, orgToday(tz, new Date(Date.now() + WEEK_MS)))
              }
            >
              {t('coaching.snooze')}
            </button>
            <button
              type="button"
              data-testid="reminder-done"
              disabled={!prefs}
              onClick={() => prefs && markReminderDone(prefs, r.key, orgToday(tz, new Date()))}
            >
              {t('coaching.done')}
            </button>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The team dashboard: people in attention order, each goal with its pace and a sparkline. */
export function TeamDashboard(props: {
  rows: DashboardPerson[];
  t: Translate;
  onOpenPerson: (personId: string) => void;
}) {
  const { rows, t } = props;
  return (
    <ul class="pace-team" data-testid="pace-dashboard">
      {rows.map((person) => (
        <li key={person.personId} data-testid="pace-person" data-person-id={person.personId}>
          <button type="button" class="member" onClick={() => props.onOpenPerson(person.personId)}>
            <span class="member-head">
              <span class="member-name">{person.name}</span>
              <PaceTag status={person.worstStatus} t={t} />
            </span>
            {person.goals.length === 0 ? (
              <span class="muted small">{t('coaching.noGoals')}</span>
            ) : (
              person.goals.map((g) => (
                <span class="pace-goal" key={g.goalId} data-goal-id={g.goalId}>
                  <span class="pace-goal-title">{g.title}</span>
                  <Sparkline points={g.sparkline} />
                  <span class="small">
                    {g.pace.gapPoints === null
                      ? t('coaching.status.no-data')
                      : g.pace.gapPoints >= 0
                        ? t('coaching.gap', { points: Math.round(g.pace.gapPoints) })
                        : t('coaching.ahead', { points: Math.round(-g.pace.gapPoints) })}
                  </span>
                </span>
              ))
            )}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The coaching screen: reminders first, then the team chart and the dashboard. */
export function CoachingScreen(props: {
  state: CoachingState;
  directory: Directory | null;
  t: Translate;
  onOpenPerson: (personId: string) => void;
}) {
  const { state, directory, t } = props;
  if (!directory) return <p class="muted">{t('team.loading')}</p>;
  return (
    <section class="coaching" data-testid="coaching-screen">
      <h2 class="section-title">{t('coaching.inbox', { count: state.reminders.length })}</h2>
      <ReminderInbox state={state} directory={directory} t={t} onOpenPerson={props.onOpenPerson} />
      <h2 class="section-title">{t('coaching.dashboard')}</h2>
      <TeamChart
        rows={state.dashboard}
        title={t('coaching.chartTitle')}
        timeLabel={t('coaching.chartTime')}
      />
      <TeamDashboard rows={state.dashboard} t={t} onOpenPerson={props.onOpenPerson} />
    </section>
  );
}
