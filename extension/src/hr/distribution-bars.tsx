import type { Translate } from '../i18n/i18n.ts';
import { bucketColours, type DistributionChart } from './distribution-model.ts';

const UNRATED = 'var(--line)';

/**
 * Horizontal stacked bars, one per department: bar length is headcount, segments are people per
 * latest-rating label, grey is unrated. Plain HTML and CSS rather than a chart library: this one
 * chart needs no axes maths, and chart.js (70 KB gzipped) or uPlot (22 KB, built for time series)
 * would outweigh the rest of the HR page. Not an SVG either: a scaled SVG shrinks its text with
 * the window (department names were ~5px in a narrow tab), while HTML labels keep the page's font
 * size and wrap; below 480px the label moves above its bar.
 */
export function DistributionBars(props: { chart: DistributionChart; t: Translate }) {
  const { chart, t } = props;
  const colours = bucketColours(chart.legend.length);
  return (
    <figure class="chart" data-testid="hr-chart" aria-label={t('hr.distribution')}>
      <div class="hr-bars">
        {chart.bars.map((bar) => (
          <div class="hr-bar" key={bar.unitId} data-testid="hr-bar" data-unit-id={bar.unitId}>
            <span class="hr-bar-label" data-testid="hr-bar-label">
              {bar.name}
            </span>
            <span class="hr-bar-track">
              <span class="hr-bar-fill" style={{ width: `${(bar.headcount / chart.max) * 100}%` }}>
                {bar.counts.map((count, i) =>
                  count > 0 ? (
                    <i
                      key={i}
                      style={{ flexGrow: count, background: colours[i] }}
                      title={`${bar.name} · ${chart.legend[i]!.label}: ${count}`}
                    />
                  ) : null,
                )}
                {bar.unrated > 0 && (
                  <i
                    style={{ flexGrow: bar.unrated, background: UNRATED }}
                    title={`${bar.name} · ${t('hr.unrated')}: ${bar.unrated}`}
                  />
                )}
              </span>
            </span>
            <span class="hr-bar-count">{bar.headcount}</span>
          </div>
        ))}
      </div>
      <figcaption class="legend">
        {chart.legend.map((l, i) => (
          <span key={l.label}>
            <i style={{ background: colours[i] }} />
            {l.label}
          </span>
        ))}
        <span>
          <i style={{ background: UNRATED }} />
          {t('hr.unrated')}
        </span>
      </figcaption>
    </figure>
  );
}
