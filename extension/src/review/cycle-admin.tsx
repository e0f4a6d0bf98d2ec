import { useState } from 'preact/hooks';
import type * as Y from 'yjs';
import {
  CYCLE_PHASES,
  docName,
  initScorecard,
  moveCyclePhase,
  planScorecards,
  saveCycle,
  SCALE_PRESETS,
  type CycleSettings,
  type CycleSettingsJson,
  type Directory,
} from '../core-browser.ts';
import type { Translate } from '../i18n/i18n.ts';
import type { DocStore } from '../store/doc-store.ts';
import { cycleFormProblem } from './review-model.ts';
import { withSyncedDoc } from './sync-once.ts';

const linear = (floor: number, target: number) => ({ kind: 'linear' as const, floor, target });

/** The scales HR picks from when creating a cycle (presets of `core/src/scoring/scale.ts`). */
export const CYCLE_SCALES = ['five-star', 'four-level', 'percent'] as const;
export type CycleScaleId = (typeof CYCLE_SCALES)[number];

/**
 * The template a new cycle starts with: the indicators HR imports bring (absences, lateness,
 * special projects, engagement, satisfaction), 20% each, and 60/30/10 manager/peers/self, on the
 * rating scale HR chose (the organisation's, so reviews are asked on the scale people know). The
 * bands and 9-box cuts sit at the same places of every scale as 2.75 and 4.25 do on 1-5.
 */
export function defaultCycle(input: {
  id: string;
  name: string;
  start: string;
  end: string;
  unitIds: string[];
  scale: CycleScaleId;
}): CycleSettingsJson {
  const { min, max } = SCALE_PRESETS[input.scale] ?? { min: 1, max: 5 };
  const at = (onFive: number): number =>
    Math.round((min + ((onFive - 1) / 4) * (max - min)) * 10_000) / 10_000;
  const cuts = { moderateFrom: at(2.75), highFrom: at(4.25) };
  return {
    ...input,
    phase: 'goal-setting',
    population: { unitIds: input.unitIds },
    scale: input.scale,
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
      { key: 'low', label: 'Below expectations', from: min, maxShare: 100 },
      { key: 'mid', label: 'Meets expectations', from: cuts.moderateFrom },
      { key: 'top', label: 'Top', from: cuts.highFrom, maxShare: 20 },
    ],
    nineBox: { performance: { ...cuts }, potential: { ...cuts } },
  };
}

/**
 * HR's form to create a cycle for a unit (or everyone) with the default template. Nothing is
 * assumed: the name and dates are shown filled in (translated) and may be changed, the rating
 * scale must be chosen, and a cycle for the whole organisation is created only after HR confirms
 * it, since it reaches everyone at once.
 */
export function CreateCycleForm(props: {
  directoryDoc: Y.Doc;
  directory: Directory;
  t: Translate;
}) {
  const { t } = props;
  const year = new Date().getFullYear();
  const [name, setName] = useState(t('review.defaultCycleName', { year }));
  const [start, setStart] = useState(`${year}-01-01`);
  const [end, setEnd] = useState(`${year}-12-31`);
  const [unitId, setUnitId] = useState('');
  const [scale, setScale] = useState<CycleScaleId | ''>('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const units = [...props.directory.units.values()].sort((a, b) => a.name.localeCompare(b.name));
  const everyone = [...props.directory.people.values()].filter((p) => p.status === 'active');
  const create = (): void => {
    setConfirming(false);
    if (scale === '') return;
    const id = `c-${Date.now().toString(36)}`;
    const result = saveCycle(
      props.directoryDoc,
      defaultCycle({ id, name: name.trim(), start, end, unitIds: unitId ? [unitId] : [], scale }),
    );
    setError(result.ok ? null : result.message);
  };
  const submit = (event: Event): void => {
    event.preventDefault();
    const problem = cycleFormProblem({ name, start, end, scale });
    if (problem) {
      setConfirming(false);
      setError(t(problem));
      return;
    }
    setError(null);
    if (unitId === '') setConfirming(true);
    else create();
  };
  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T): void => {
      set(v);
      setConfirming(false);
    };
  return (
    <form class="card review-form" data-testid="cycle-create" onSubmit={submit}>
      <h3>{t('review.createCycle')}</h3>
      <label>
        <span>{t('review.cycleName')}</span>
        <input
          data-testid="cycle-name"
          value={name}
          onInput={(e) => edit(setName)(e.currentTarget.value)}
        />
      </label>
      <label>
        <span>{t('review.cycleStart')}</span>
        <input
          type="date"
          data-testid="cycle-start"
          value={start}
          onInput={(e) => edit(setStart)(e.currentTarget.value)}
        />
      </label>
      <label>
        <span>{t('review.cycleEnd')}</span>
        <input
          type="date"
          data-testid="cycle-end"
          value={end}
          onInput={(e) => edit(setEnd)(e.currentTarget.value)}
        />
      </label>
      <label>
        <span>{t('review.cycleScale')}</span>
        <select
          data-testid="cycle-scale"
          value={scale}
          onChange={(e) => edit(setScale)(e.currentTarget.value as CycleScaleId | '')}
        >
          <option value="">{t('review.scaleChoose')}</option>
          {CYCLE_SCALES.map((id) => (
            <option key={id} value={id}>
              {t(`review.scale.${id}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('review.population')}</span>
        <select
          data-testid="cycle-unit"
          value={unitId}
          onChange={(e) => edit(setUnitId)(e.currentTarget.value)}
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
      {confirming && scale !== '' && (
        <div class="warn small" role="alert" data-testid="cycle-create-confirm-box">
          <p>
            {t('review.confirmEveryone', {
              name: name.trim(),
              start,
              end,
              scale: t(`review.scale.${scale}`),
              count: everyone.length,
            })}
          </p>
          <div class="actions">
            <button
              type="button"
              class="primary"
              data-testid="cycle-create-confirm"
              onClick={create}
            >
              {t('review.confirmCreate')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('review.cancel')}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p class="warn small" data-testid="cycle-create-error">
          {error}
        </p>
      )}
    </form>
  );
}

/**
 * HR's controls of one cycle: move to the next phase (after a confirmation naming it, since a
 * move cannot be undone), create every scorecard (C1.2, C2.3).
 */
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
  const [confirmMove, setConfirmMove] = useState(false);
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
          disabled={confirmMove}
          onClick={() => setConfirmMove(true)}
        >
          {t('review.advanceTo', { phase: t(`review.phase.${next}`) })}
        </button>
      )}
      {next && confirmMove && (
        <span class="warn small" role="alert" data-testid="cycle-advance-confirm-box">
          {t('review.confirmAdvance', { cycle: cycle.name, phase: t(`review.phase.${next}`) })}{' '}
          <button
            type="button"
            class="primary"
            data-testid="cycle-advance-confirm"
            onClick={() => {
              setConfirmMove(false);
              const r = moveCyclePhase(props.directoryDoc, cycle.id, next);
              setError(r.ok ? null : r.message);
            }}
          >
            {t('review.advanceTo', { phase: t(`review.phase.${next}`) })}
          </button>{' '}
          <button type="button" onClick={() => setConfirmMove(false)}>
            {t('review.cancel')}
          </button>
        </span>
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
