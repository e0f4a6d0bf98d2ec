import { useMemo, useState } from 'preact/hooks';
import {
  cyclePopulation,
  directReports,
  docName,
  readCycles,
  reviewsToWrite,
  type CycleSettings,
  type Directory,
  type ExpectedReview,
} from '../core-browser.ts';
import type { Language, Translate } from '../i18n/i18n.ts';
import type { TokenClaims } from '../settings/token-claims.ts';
import type { DocStore } from '../store/doc-store.ts';
import { useDocs, type DocView } from '../ui/use-docs.ts';
import { CalibrationView } from './calibration-view.tsx';
import { CreateCycleForm, CycleControls } from './cycle-admin.tsx';
import { MyFeedback } from './my-feedback.tsx';
import { ReviewForm } from './review-form.tsx';
import { ScorecardScreen } from './scorecard-screen.tsx';
import './review.css';

type View =
  | { kind: 'home' }
  | { kind: 'write'; cycleId: string; review: ExpectedReview }
  | { kind: 'card'; cycleId: string; personId: string }
  | { kind: 'calibration'; cycleId: string }
  | { kind: 'mine'; cycleId: string };

/**
 * The review screens of the side panel (issue 5): cycles, the reviews to write, the manager's
 * scorecards and reports, calibration, and the employee's own feedback.
 */
export function ReviewApp(props: {
  store: DocStore;
  claims: TokenClaims;
  directory: Directory | null;
  records: ReadonlyMap<string, DocView>;
  language: Language;
  t: Translate;
}) {
  const { store, claims, directory, t } = props;
  const [view, setView] = useState<View>({ kind: 'home' });
  const [refresh, setRefresh] = useState(0);
  const dirName = docName({ kind: 'directory', org: claims.org });
  const dir = useDocs(store, [dirName]);
  const dirView = dir.views.get(dirName);
  const cycles = useMemo(
    () => (dirView?.loaded ? [...readCycles(dirView.opened.doc).cycles.values()] : []),
    [dirView, dir.version],
  );
  if (!directory || !dirView) return <p class="muted">{t('team.loading')}</p>;
  const staff = claims.role === 'hr' || claims.role === 'admin';
  const me = claims.personId;
  const nameOf = (id: string): string => directory.people.get(id)?.name ?? id;
  const cycleOf = (id: string): CycleSettings | undefined => cycles.find((c) => c.id === id);

  const back = (
    <button
      type="button"
      class="link no-print"
      data-testid="review-home"
      onClick={() => setView({ kind: 'home' })}
    >
      ‹ {t('review.title')}
    </button>
  );
  if (view.kind !== 'home') {
    const cycle = cycleOf(view.cycleId);
    if (!cycle) return back;
    let body;
    if (view.kind === 'write') {
      body = (
        <ReviewForm
          store={store}
          org={claims.org}
          cycle={cycle}
          review={view.review}
          rateeName={nameOf(view.review.rateeId)}
          t={t}
        />
      );
    } else if (view.kind === 'card') {
      body = (
        <ScorecardScreen
          key={refresh}
          store={store}
          org={claims.org}
          me={me}
          cycle={cycle}
          directory={directory}
          personId={view.personId}
          records={props.records}
          language={props.language}
          t={t}
          onRefresh={() => setRefresh((n) => n + 1)}
        />
      );
    } else if (view.kind === 'calibration') {
      const mine = new Set(directReports(directory.people, me).map((p) => p.id));
      const people = cyclePopulation(directory, cycle)
        .map((p) => p.id)
        .filter((id) => mine.has(id) || (staff && mine.size === 0));
      body = (
        <CalibrationView
          store={store}
          org={claims.org}
          cycle={cycle}
          directory={directory}
          people={people}
          t={t}
        />
      );
    } else {
      body = (
        <MyFeedback
          store={store}
          org={claims.org}
          me={me}
          cycle={cycle}
          directory={directory}
          t={t}
        />
      );
    }
    return (
      <div class="review">
        {back}
        {body}
      </div>
    );
  }

  return (
    <div class="review" data-testid="review-app">
      <h2>{t('review.title')}</h2>
      {cycles.length === 0 && <p class="muted">{t('review.noCycles')}</p>}
      {cycles.map((cycle) => {
        const population = new Set(cyclePopulation(directory, cycle).map((p) => p.id));
        const toWrite =
          cycle.phase === 'self-review' || cycle.phase === 'peer-manager-review'
            ? reviewsToWrite(directory, cycle, me)
            : [];
        const team = directReports(directory.people, me).filter((p) => population.has(p.id));
        return (
          <section
            key={cycle.id}
            class="card"
            data-testid="cycle"
            data-cycle-id={cycle.id}
            data-phase={cycle.phase}
          >
            <h3>
              {cycle.name} ·{' '}
              <span data-testid="cycle-phase">{t(`review.phase.${cycle.phase}`)}</span>
            </h3>
            <p class="muted small">
              {cycle.start} – {cycle.end}
            </p>
            {staff && (
              <CycleControls
                cycle={cycle}
                directoryDoc={dirView.opened.doc}
                directory={directory}
                store={store}
                org={claims.org}
                t={t}
              />
            )}
            {toWrite.length > 0 && (
              <>
                <h3>{t('review.toWrite')}</h3>
                <ul class="team">
                  {toWrite.map((r) => (
                    <li key={`${r.rateeId}/${r.raterId}`}>
                      <button
                        type="button"
                        class="member"
                        data-testid="review-todo"
                        data-ratee={r.rateeId}
                        data-group={r.group}
                        onClick={() => setView({ kind: 'write', cycleId: cycle.id, review: r })}
                      >
                        {t(`review.group.${r.group}`)} · {nameOf(r.rateeId)}
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            )}
            {team.length > 0 && (
              <>
                <h3>{t('review.myTeam')}</h3>
                <ul class="team">
                  {team.map((p) => (
                    <li key={p.id}>
                      <button
                        type="button"
                        class="member"
                        data-testid="review-card-open"
                        data-person-id={p.id}
                        onClick={() => setView({ kind: 'card', cycleId: cycle.id, personId: p.id })}
                      >
                        {p.name}
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            )}
            <div class="actions">
              {(team.length > 0 || staff) && (
                <button
                  type="button"
                  data-testid="review-calibration"
                  onClick={() => setView({ kind: 'calibration', cycleId: cycle.id })}
                >
                  {t('review.calibration')}
                </button>
              )}
              {population.has(me) && (
                <button
                  type="button"
                  data-testid="review-mine"
                  onClick={() => setView({ kind: 'mine', cycleId: cycle.id })}
                >
                  {t('review.myFeedback')}
                </button>
              )}
            </div>
          </section>
        );
      })}
      {staff && <CreateCycleForm directoryDoc={dirView.opened.doc} directory={directory} t={t} />}
    </div>
  );
}
