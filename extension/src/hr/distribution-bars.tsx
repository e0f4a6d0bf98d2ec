import type { Translate } from '../i18n/i18n.ts';
import { bucketColours, type DistributionChart } from './distribution-model.ts';

const ROW = 28;
const BAR = 18;
const LABEL_WIDTH = 170;
const WIDTH = 720;
const UNRATED = 'var(--line)';

/**
 * Horizontal stacked bars, one per department, as plain SVG: bar length is headcount, segments
 * are people per latest-rating label, grey is unrated. Plain SVG rather than a chart library:
 * this one chart needs no axes maths, and chart.js (70 KB gzipped) or uPlot (22 KB, built for
 * time series) would outweigh the rest of the HR page.
 */
export function DistributionBars(props: { chart: DistributionChart; t: Translate }) {
  const { chart, t } = props;
  const colours = bucketColours(chart.legend.length);
  const plot = WIDTH - LABEL_WIDTH - 40;
  const scale = plot / chart.max;
  const height = chart.bars.length * ROW + 4;
  return (
    <figure class="chart" data-testid="hr-chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={t('hr.distribution')}>
        {chart.bars.map((bar, row) => {
          const y = row * ROW + 4;
          let x = LABEL_WIDTH;
          const segments = bar.counts.map((count, i) => {
            const w = count * scale;
            const rect = (
              <rect key={i} x={x} y={y} width={w} height={BAR} fill={colours[i]}>
                <title>{`${bar.name} · ${chart.legend[i]!.label}: ${count}`}</title>
              </rect>
            );
            x += w;
            return count > 0 ? rect : null;
          });
          return (
            <g key={bar.unitId} data-testid="hr-bar" data-unit-id={bar.unitId}>
              <text x={LABEL_WIDTH - 8} y={y + BAR - 5} text-anchor="end">
                {bar.name}
              </text>
              {segments}
              {bar.unrated > 0 && (
                <rect x={x} y={y} width={bar.unrated * scale} height={BAR} fill={UNRATED}>
                  <title>{`${bar.name} · ${t('hr.unrated')}: ${bar.unrated}`}</title>
                </rect>
              )}
              <text class="axis-label" x={x + bar.unrated * scale + 6} y={y + BAR - 5}>
                {bar.headcount}
              </text>
            </g>
          );
        })}
      </svg>
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
