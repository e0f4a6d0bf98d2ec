import type { DepartmentAggregate } from '../core-browser.ts';

/** A rating label shared by the chart's legend and every department's bar. */
export interface LegendBucket {
  label: string;
  value: number;
}

/** One department's stacked bar: counts per legend bucket (same order), then the unrated. */
export interface DistributionBar {
  unitId: string;
  name: string;
  headcount: number;
  counts: number[];
  unrated: number;
}

/** The chart's data: a common legend so one colour means one rating label in every bar. */
export interface DistributionChart {
  legend: LegendBucket[];
  bars: DistributionBar[];
  /** The longest bar (largest headcount), for the scale; at least 1 so empty charts draw. */
  max: number;
}

/**
 * Lines up the departments' rating buckets on one legend ordered by rating value, so bars can be
 * compared. A label that different departments carry with different values keeps the lowest.
 */
export function distributionChart(departments: readonly DepartmentAggregate[]): DistributionChart {
  const byLabel = new Map<string, LegendBucket>();
  for (const d of departments) {
    for (const b of d.ratings) {
      const seen = byLabel.get(b.label);
      if (!seen || b.value < seen.value) byLabel.set(b.label, { label: b.label, value: b.value });
    }
  }
  const legend = [...byLabel.values()].sort(
    (a, b) => a.value - b.value || a.label.localeCompare(b.label),
  );
  const bars = departments.map((d) => {
    const counts = legend.map((l) => d.ratings.find((b) => b.label === l.label)?.count ?? 0);
    const rated = counts.reduce((a, b) => a + b, 0);
    return {
      unitId: d.unitId,
      name: d.name,
      headcount: d.headcount,
      counts,
      unrated: Math.max(0, d.headcount - rated),
    };
  });
  return { legend, bars, max: Math.max(1, ...bars.map((b) => b.headcount)) };
}

/** A muted low-to-high ramp (terracotta to deep teal), readable on light and dark cards. */
const RAMP = ['#c8553d', '#e08e45', '#e9c46a', '#8ab17d', '#2a9d8f', '#287271', '#264653'];

/**
 * Colours for `n` legend buckets from low to high rating, spread evenly over RAMP so a 3-point
 * and a 5-point scale both span it. Past RAMP's length colours repeat; rating scales that long
 * are not in any source we import.
 */
export function bucketColours(n: number): string[] {
  if (n <= 0) return [];
  if (n === 1) return [RAMP[4]!];
  if (n > RAMP.length) return Array.from({ length: n }, (_, i) => RAMP[i % RAMP.length]!);
  return Array.from({ length: n }, (_, i) => RAMP[Math.round((i * (RAMP.length - 1)) / (n - 1))]!);
}

/**
 * A department's average as HR reads it: on the organisation's rating scale ("3.0 / 4", or
 * "62.5 (0–100)" when the scale does not start at 1); when its people were rated on different
 * scales, the share of the scale reached ("67%"); "–" when nobody is rated.
 */
export function averageText(
  d: Pick<DepartmentAggregate, 'average' | 'averageNormalized' | 'scale'>,
): string {
  if (d.scale !== null && d.average !== null) {
    const value = d.average.toFixed(1);
    return d.scale.min === 1
      ? `${value} / ${d.scale.max}`
      : `${value} (${d.scale.min}–${d.scale.max})`;
  }
  if (d.averageNormalized !== null) return `${Math.round(d.averageNormalized * 100)}%`;
  return '–';
}
