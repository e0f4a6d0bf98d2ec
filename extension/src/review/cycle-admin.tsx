import { useState } from 'preact/hooks';
import type * as Y from 'yjs';
import {
  CYCLE_PHASES,
  docName,
  initScorecard,
  moveCyclePhase,
  planScorecards,
  saveCycle,
  type CycleSettings,
  type CycleSettingsJson,
  type Directory,
} from '../core-browser.ts';
import type { Translate } from '../i18n/i18n.ts';
import type { DocStore } from '../store/doc-store.ts';
import { withSyncedDoc } from './sync-once.ts';

const linear = (floor: number, target: number) => ({ kind: 'linear' as const, floor, target });

/**
 * The template a new cycle starts with: the indicators HR imports bring (absences, lateness,
 * special projects, engagement, satisfaction), 20% each, and 60/30/10 manager/peers/self.
 */
export function defaultCycle(input: {
  id: string;
  name: string;
  start: string;
  end: string;
  unitIds: string[];
}): CycleSettingsJson {
  return {
    ...input,
    phase: 'goal-setting',
    population: { unitIds: input.unitIds },
    scale: 'five-star',
    templates: [
      {
        id: 'default',
        label: 'Everyone',
        indicators: [
          {
            key: 'absences',
            label: 'Absences',
            unit: 'days',
            direction: 'decrease',
            weight: 20,
            standard: linear(20, 2),
          },
          {
            key: 'days-late-last-30',
            label: 'Days late (last 30 days)',
            unit: 'days',
            direction: 'decrease',
            weight: 20,
            standard: linear(6, 0),
          },
          {
            key: 'special-projects',
            label: 'Special projects',
            unit: 'projects',
            direction: 'increase',
            weight: 20,
            standard: linear(0, 6),
          },
          {
            key: 'engagement',
            label: 'Engagement survey (1-5)',
            unit: 'score',
            direction: 'increase',
            weight: 20,
            standard: linear(1, 5),
          },
          {
            key: 'satisfaction',
            label: 'Satisfaction (1-5)',
            unit: 'score',
            direction: 'increase',
            weight: 20,
            standard: linear(1, 5),
          },
        ],
      },
    ],
    groupWeights: { manager: 60, peers: 30, self: 10 },
    anonymity: { peers: 2, upward: 3 },
    peersPerPerson: 2,
    formula: '0.5 * scorecardScore + 0.5 * reviewScore',
    bands: [
      { key: 'low', label: 'Below expectations', from: 1, maxShare: 100 },
      { key: 'mid', label: 'Meets expectations', from: 2.75 },
      { key: 'top', label: 'Top', from: 4.25, maxShare: 20 },
    ],
    nineBox: {
      performance: { moderateFrom: 2.75, highFrom: 4.25 },
      potential: { moderateFrom: 2.75, highFrom: 4.25 },
    },
  };
}

/** HR's form to create a cycle for a unit (or everyone) with the default template. */
export function CreateCycleForm(props: {
  directoryDoc: Y.Doc;
  directory: Directory;
  t: Translate;
}) {
  const { t } = props;
  const year = new Date().getFullYear();
  const [name, setName] = useState(`${year} review`);
  const [start, setStart] = useState(`${year}-01-01`);
  const [end, setEnd] = useState(`${year}-12-31`);
  const [unitId, setUnitId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const units = [...props.directory.units.values()].sort((a, b) => a.name.localeCompare(b.name));
  const submit = (event: Event): void => {
    event.preventDefault();
    const id = `c-${Date.now().toString(36)}`;
    const result = saveCycle(
      props.directoryDoc,
      defaultCycle({ id, name, start, end, unitIds: unitId ? [unitId] : [] }),
    );
    setError(result.ok ? null : result.message);
  };
  return (
    <form class="card review-form" data-testid="cycle-create" onSubmit={submit}>
      <h3>{t('review.createCycle')}</h3>
      <label>
        <span>{t('review.cycleName')}</span>
        <input
          data-testid="cycle-name"
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </label>
      <label>
        <span>{t('review.cycleStart')}</span>
        <input type="date" value={start} onInput={(e) => setStart(e.currentTarget.value)} />
      </label>
      <label>
        <span>{t('review.cycleEnd')}</span>
        <input type="date" value={end} onInput={(e) => setEnd(e.currentTarget.value)} />
      </label>
      <label>
        <span>{t('review.population')}</span>
        <select
          data-testid="cycle-unit"
          value={unitId}
          onChange={(e) => setUnitId(e.currentTarget.value)}
        >
          <option value="">{t('review.everyone')}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" class="primary" data-testid="cycle-create-submit">
        {t('review.createCycle')}
      </button>
      {error && <p class="warn small">{error}</p>}
    </form>
  );
}

/** HR's controls of one cycle: move to the next phase, create every scorecard (C1.2, C2.3). */
export function CycleControls(props: {
  cycle: CycleSettings;
  directoryDoc: Y.Doc;
  directory: Directory;
  store: DocStore;
  org: string;
  t: Translate;
}) {
  const { cycle, t } = props;
  const [created, setCreated] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const next = CYCLE_PHASES[CYCLE_PHASES.indexOf(cycle.phase) + 1];
  const createCards = async (): Promise<void> => {
    setBusy(true);
    const today = new Date().toISOString().slice(0, 10);
    let count = 0;
    for (const snapshot of planScorecards(props.directory, cycle, today)) {
      const name = docName({
        kind: 'scorecard',
        org: props.org,
        cycle: cycle.id,
        person: snapshot.personId,
      });
      const outcome = await withSyncedDoc(props.store, name, (doc) => initScorecard(doc, snapshot));
      if (typeof outcome === 'object' && outcome.ok) count += 1;
    }
    setCreated(count);
    setBusy(false);
  };
  return (
    <div class="actions">
      {next && cycle.phase !== 'closed' && (
        <button
          type="button"
          data-testid="cycle-advance"
          onClick={() => {
            const r = moveCyclePhase(props.directoryDoc, cycle.id, next);
            setError(r.ok ? null : r.message);
          }}
        >
          {t('review.advanceTo', { phase: t(`review.phase.${next}`) })}
        </button>
      )}
      {cycle.phase !== 'closed' && (
        <button
          type="button"
          data-testid="cycle-create-cards"
          disabled={busy}
          onClick={() => void createCards()}
        >
          {busy ? t('review.creatingCards') : t('review.createCards')}
        </button>
      )}
      {created !== null && (
        <span class="ok small" data-testid="cycle-cards-created" data-count={created}>
          {t('review.cardsCreated', { count: created })}
        </span>
      )}
      {error && <span class="warn small">{error}</span>}
    </div>
  );
}
