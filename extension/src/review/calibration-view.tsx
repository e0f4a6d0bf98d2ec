import {
  NINE_BOX_LABELS,
  distributeScores,
  placeNineBox,
  readScorecard,
  type CycleSettings,
  type Directory,
} from '../core-browser.ts';
import type { Translate } from '../i18n/i18n.ts';
import type { DocStore } from '../store/doc-store.ts';
import { cycleDocNames } from './review-model.ts';
import { useParsedDocs } from './use-doc.ts';

/**
 * Calibration for the people the viewer manages (C4, S6): the distribution of final scores over
 * the cycle's bands against the guidance, how many to move in or out, and the 9-box of final
 * score against potential. Scores are the calibrated ones, else those kept at submission.
 */
export function CalibrationView(props: {
  store: DocStore;
  org: string;
  cycle: CycleSettings;
  directory: Directory;
  people: readonly string[];
  t: Translate;
}) {
  const { cycle, t } = props;
  const names = props.people.map((p) => cycleDocNames(props.org, cycle.id, p).scorecard);
  const cards = useParsedDocs(props.store, names, readScorecard);
  const rows = props.people.flatMap((personId, i) => {
    const card = cards.get(names[i]!)?.value;
    const score = card?.calibrated?.score ?? card?.computedScore ?? null;
    return score === null ? [] : [{ personId, score, potential: card?.potential ?? null }];
  });
  const nameOf = (id: string): string => props.directory.people.get(id)?.name ?? id;
  const dist =
    cycle.bands.length > 0
      ? distributeScores({
          bands: cycle.bands,
          scores: rows.map((r) => ({ personId: r.personId, score: r.score })),
        })
      : null;
  const cuts = cycle.nineBox;
  const boxes = new Map<number, string[]>();
  if (cuts) {
    for (const r of rows) {
      if (r.potential === null) continue;
      const placed = placeNineBox(r.score, r.potential, cuts);
      if (!placed.ok) continue;
      boxes.set(placed.value.box, [...(boxes.get(placed.value.box) ?? []), nameOf(r.personId)]);
    }
  }
  return (
    <article class="review-card" data-testid="calibration">
      <p class="muted small">
        {t('review.calibrationScope', { scored: rows.length, people: props.people.length })}
      </p>
      {dist?.ok ? (
        <table class="departments" data-testid="calibration-bands">
          <thead>
            <tr>
              <th>{t('review.band')}</th>
              <th>{t('review.count')}</th>
              <th>%</th>
              <th>{t('review.guidance')}</th>
              <th>{t('review.moves')}</th>
            </tr>
          </thead>
          <tbody>
            {dist.value.bands.map((b) => (
              <tr key={b.key} data-testid="calibration-band" data-band={b.key}>
                <td>{b.label}</td>
                <td>{b.count}</td>
                <td>{b.percent}</td>
                <td>
                  {b.allowed === null ? '' : `≤ ${b.allowed}`}
                  {b.required === null ? '' : ` ≥ ${b.required}`}
                </td>
                <td>
                  {b.moveOut > 0 ? t('review.moveOut', { count: b.moveOut }) : ''}
                  {b.moveIn > 0 ? t('review.moveIn', { count: b.moveIn }) : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        dist && <p class="warn small">{dist.message}</p>
      )}
      {cuts && (
        <div class="nine-box" data-testid="nine-box">
          {[7, 8, 9, 4, 5, 6, 1, 2, 3].map((box) => (
            <div key={box} class="nine-box-cell" data-box={box}>
              <strong class="small">{NINE_BOX_LABELS[box]}</strong>
              <span class="small">{(boxes.get(box) ?? []).join(', ')}</span>
            </div>
          ))}
        </div>
      )}
    </article>
  );
}
