import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { Result } from '../core-browser.ts';
import { translator } from '../i18n/i18n.ts';
import { loadSettings, watchSettings, type Settings } from '../settings/settings.ts';
import { readClaims } from '../settings/token-claims.ts';
import {
  fetchDepartmentReport,
  type AggregatesProblem,
  type DepartmentReport,
} from './aggregates.ts';
import { DistributionBars } from './distribution-bars.tsx';
import { averageText, distributionChart } from './distribution-model.ts';

type Load =
  { state: 'loading' } | { state: 'done'; result: Result<DepartmentReport, AggregatesProblem> };

/**
 * The HR dashboard tab: headcount and rating distribution per department, from the server's
 * aggregates endpoint (HR never opens people's documents for this), with the settings the side
 * panel saved.
 */
export function HrApp() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    void loadSettings().then(setSettings);
    return watchSettings(setSettings);
  }, []);

  const refresh = useCallback(async (s: Settings) => {
    setLoad({ state: 'loading' });
    const claims = readClaims(s.token, Date.now() / 1000);
    const org = claims.ok ? claims.value.org : '';
    const result =
      claims.ok || claims.reason === 'missing'
        ? await fetchDepartmentReport(s.serverUrl, org, s.token)
        : ({ ok: false, reason: 'unauthorized', message: claims.message } as const);
    setLoad({ state: 'done', result });
  }, []);

  useEffect(() => {
    if (settings) void refresh(settings);
  }, [settings, refresh]);

  const report = load.state === 'done' && load.result.ok ? load.result.value : null;
  const chart = useMemo(() => (report ? distributionChart(report.departments) : null), [report]);
  if (!settings) return null;
  const t = translator(settings.language);
  document.title = `${t('hr.title')} · Firstline`;

  return (
    <div class="hr" lang={settings.language}>
      <header class="hr-head">
        <h1>{t('hr.title')}</h1>
        <span class="muted">
          {t('hr.subtitle')}
          {report ? ` · ${report.org}` : ''}
        </span>
        <span class="spacer" />
        <button
          type="button"
          class="primary"
          data-testid="hr-refresh"
          onClick={() => void refresh(settings)}
        >
          {t('hr.refresh')}
        </button>
      </header>
      {load.state === 'loading' && <p class="muted">{t('hr.loading')}</p>}
      {load.state === 'done' && !load.result.ok && (
        <p class="banner banner-denied" data-testid="hr-error" data-reason={load.result.reason}>
          {t(`hr.error.${load.result.reason}`)}
        </p>
      )}
      {report && report.departments.length === 0 && <p class="muted">{t('hr.empty')}</p>}
      {report && chart && report.departments.length > 0 && (
        <>
          <div class="table-scroll" data-testid="hr-table-scroll">
            <table class="departments" data-testid="hr-table">
              <thead>
                <tr>
                  <th>{t('hr.department')}</th>
                  <th class="num">{t('hr.headcount')}</th>
                  <th class="num">{t('hr.rated')}</th>
                  <th class="num" title={t('hr.averageNote')}>
                    {t('hr.average')}
                  </th>
                  {chart.legend.map((l) => (
                    <th class="num" key={l.label}>
                      {l.label}
                    </th>
                  ))}
                  <th class="num">{t('hr.unrated')}</th>
                </tr>
              </thead>
              <tbody>
                {report.departments.map((d, row) => (
                  <tr key={d.unitId} data-testid="hr-row" data-unit-id={d.unitId}>
                    <td>{d.name}</td>
                    <td class="num" data-testid="hr-headcount">
                      {d.headcount}
                    </td>
                    <td class="num">{d.rated}</td>
                    <td class="num" data-testid="hr-average">
                      {averageText(d)}
                    </td>
                    {chart.bars[row]!.counts.map((count, i) => (
                      <td class="num" key={i}>
                        {count}
                      </td>
                    ))}
                    <td class="num">{chart.bars[row]!.unrated}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="muted small" data-testid="hr-average-note">
            {t('hr.averageNote')}
          </p>
          <DistributionBars chart={chart} t={t} />
        </>
      )}
    </div>
  );
}
