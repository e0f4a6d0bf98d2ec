import { useMemo, useState } from 'preact/hooks';
import { MONDAY_TO_FRIDAY, ratePerCrewDay, splitGrowth, type Goal } from '../core-browser.ts';
import type { Translate } from '../i18n/i18n.ts';
import { childGoals, decompose, type Recipient } from './decomposition.ts';

type Basis = 'headcount' | 'last-output' | 'custom';

/**
 * The decomposition wizard: split a parent goal's start and target over chosen units or people by
 * headcount or by custom weights, with the working shown (shares, rounding, where the remainder
 * went), plus what the parent's growth means per month (linear and compounded) and its output per
 * crew per working day. Creating writes one child goal per recipient.
 */
export function DecompositionWizard(props: {
  parent: Goal;
  candidates: readonly Recipient[];
  t: Translate;
  newId: () => string;
  onCreate: (goals: Goal[]) => string | null;
  onClose: () => void;
}) {
  const { parent, t } = props;
  const [chosen, setChosen] = useState<Set<string>>(
    () => new Set(props.candidates.map((c) => c.id)),
  );
  const [basis, setBasis] = useState<Basis>('headcount');
  const [custom, setCustom] = useState<Record<string, string>>({});
  const [crews, setCrews] = useState('3');
  const [error, setError] = useState<string | null>(null);
  const decimals = parent.metric?.unit === '%' ? 1 : 0;

  const recipients = props.candidates
    .filter((c) => chosen.has(c.id))
    .map((c) => ({
      ...c,
      basisValue: basis === 'custom' ? Number(custom[c.id] ?? '1') : c.basisValue,
    }));
  const result = useMemo(
    () => decompose(parent, recipients, basis, decimals),
    [parent, JSON.stringify(recipients), basis, decimals],
  );
  const metric = parent.metric;
  const growth =
    metric && metric.start !== 0
      ? (['linear', 'compound'] as const).map((method) =>
          splitGrowth({
            rate: (metric.target - metric.start) / Math.abs(metric.start),
            periods: 12,
            method,
            decimals: 3,
            periodWord: 'month',
          }),
        )
      : [];
  const crewRate =
    metric && Number(crews) > 0
      ? ratePerCrewDay({
          output: metric.target,
          periodStart: parent.periodStart,
          periodEnd: parent.periodEnd,
          calendar: MONDAY_TO_FRIDAY,
          crews: Math.floor(Number(crews)),
          decimals,
          unitWord: metric.unit || 'units',
        })
      : null;

  const create = (): void => {
    if (!result.ok) return;
    const goals = childGoals(
      parent,
      result.value,
      props.newId,
      (r) => `${parent.title} — ${r.label}`,
    );
    setError(props.onCreate(goals));
  };

  return (
    <section class="wizard" data-testid="wizard" data-parent-id={parent.id}>
      <h3>{t('goals.wizard.title', { title: parent.title })}</h3>
      <label>
        {t('goals.wizard.basis')}
        <select
          data-testid="wizard-basis"
          value={basis}
          onChange={(e) => setBasis((e.currentTarget as HTMLSelectElement).value as Basis)}
        >
          <option value="headcount">{t('goals.wizard.basis.headcount')}</option>
          <option value="custom">{t('goals.wizard.basis.custom')}</option>
        </select>
      </label>
      <ul>
        {props.candidates.map((c) => (
          <li key={c.id}>
            <label>
              <span>
                <input
                  type="checkbox"
                  data-testid="wizard-recipient"
                  data-id={c.id}
                  checked={chosen.has(c.id)}
                  onChange={() =>
                    setChosen((s) => {
                      const next = new Set(s);
                      if (next.has(c.id)) next.delete(c.id);
                      else next.add(c.id);
                      return next;
                    })
                  }
                />{' '}
                {c.label}{' '}
                <span class="muted small">
                  ({t('goals.wizard.headcount', { count: c.basisValue })})
                </span>
              </span>
              {basis === 'custom' && chosen.has(c.id) && (
                <input
                  inputMode="decimal"
                  data-testid="wizard-custom"
                  data-id={c.id}
                  value={custom[c.id] ?? '1'}
                  onInput={(e) =>
                    setCustom((m) => ({
                      ...m,
                      [c.id]: (e.currentTarget as HTMLInputElement).value,
                    }))
                  }
                />
              )}
            </label>
          </li>
        ))}
      </ul>
      {!result.ok ? (
        <p class="issue-error" data-testid="wizard-error" data-reason={result.reason}>
          {result.message}
        </p>
      ) : (
        <>
          <table>
            <thead>
              <tr>
                <th>{t('goals.wizard.recipient')}</th>
                <th>{t('goals.field.start')}</th>
                <th>{t('goals.field.target')}</th>
                <th>{t('goals.field.weight')}</th>
              </tr>
            </thead>
            <tbody>
              {result.value.parts.map((p) => (
                <tr key={p.recipient.id} data-testid="wizard-part" data-id={p.recipient.id}>
                  <td>{p.recipient.label}</td>
                  <td>{p.start}</td>
                  <td data-testid="wizard-part-target">{p.target}</td>
                  <td>{p.weight}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('goals.wizard.working')}</h3>
          <ol class="working">
            {result.value.steps.map((s, i) => (
              <li key={i} data-testid="wizard-step" data-code={s.code}>
                {s.text}
              </li>
            ))}
          </ol>
        </>
      )}
      {growth.length > 0 && (
        <ol class="working" data-testid="wizard-growth">
          {growth.map((g, i) =>
            g.ok ? (
              <li key={i} data-method={g.value.method}>
                {t(`goals.wizard.growth.${g.value.method}`, {
                  rate: g.value.ratePerPeriodPercent,
                })}
              </li>
            ) : null,
          )}
        </ol>
      )}
      <label>
        {t('goals.wizard.crews')}
        <input
          inputMode="numeric"
          data-testid="wizard-crews"
          value={crews}
          onInput={(e) => setCrews((e.currentTarget as HTMLInputElement).value)}
        />
      </label>
      {crewRate?.ok && (
        <p class="muted small" data-testid="wizard-crew-rate">
          {t('goals.wizard.crewRate', {
            rate: Math.round(crewRate.value.perCrewPerDayExact * 100) / 100,
            days: crewRate.value.workingDays.workingDays,
          })}
        </p>
      )}
      {error && (
        <p class="issue-error" data-testid="wizard-save-error">
          {error}
        </p>
      )}
      <div class="goal-actions">
        <button
          type="button"
          class="primary"
          data-testid="wizard-create"
          disabled={!result.ok}
          onClick={create}
        >
          {t('goals.wizard.create', { count: recipients.length })}
        </button>
        <button type="button" data-testid="wizard-close" onClick={props.onClose}>
          {t('goals.cancel')}
        </button>
      </div>
    </section>
  );
}
