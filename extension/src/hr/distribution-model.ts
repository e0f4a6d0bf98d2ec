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

/**
 * Colours for `n` legend buckets from low to high rating: a warm-to-cool ramp readable in light
 * and dark themes, without suggesting that any rating is an error.
 */
export function bucketColours(n: number): string[] {
  if (n <= 0) return [];
  if (n === 1) return ['hsl(215 60% 50%)'];
  return Array.from({ length: n }, (_, i) => {
    const f = i / (n - 1);
    return `hsl(${Math.round(30 + f * 185)} ${Math.round(70 - f * 10)}% ${Math.round(55 - f * 8)}%)`;
  });
}
