import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { DashboardPerson } from '../core-browser.ts';

const PALETTE = ['#c0392b', '#d68910', '#1f6f8b', '#7d3c98', '#117a65', '#5d6d7e', '#a04000'];

const noonSeconds = (date: string): number => Date.parse(`${date}T12:00:00Z`) / 1000;

/**
 * The chart's data: one x axis (days) and one progress line (%) per person, gaps as null. The x
 * range is the span of the plotted goals' periods: a check-in dated years before its goal (a
 * confirmed typo, an old baseline) is left off rather than stretching the axis back to 2020.
 */
export function teamChartData(rows: readonly DashboardPerson[]): {
  labels: string[];
  data: uPlot.AlignedData;
  /** Seconds since the epoch at noon of the first period start and the last period end. */
  range: [number, number] | null;
} {
  const lines = rows
    .map((r) => ({ name: r.name, goal: r.goals[0] }))
    .map((l) => ({
      name: l.name,
      goal: l.goal,
      points: (l.goal?.sparkline ?? []).filter(
        (p) => l.goal !== undefined && p.date >= l.goal.periodStart && p.date <= l.goal.periodEnd,
      ),
    }))
    .filter((l) => l.points.length > 0);
  const dates = [...new Set(lines.flatMap((l) => l.points.map((p) => p.date)))].sort();
  const xs = dates.map(noonSeconds);
  const series = lines.map((l) => {
    const byDate = new Map(l.points.map((p) => [p.date, Math.round(p.share * 1000) / 10]));
    return dates.map((d) => byDate.get(d) ?? null);
  });
  const starts = lines.map((l) => l.goal?.periodStart ?? '').sort();
  const ends = lines.map((l) => l.goal?.periodEnd ?? '').sort();
  const range: [number, number] | null =
    lines.length === 0
      ? null
      : [noonSeconds(starts[0] as string), noonSeconds(ends[ends.length - 1] as string)];
  return { labels: lines.map((l) => l.name), data: [xs, ...series] as uPlot.AlignedData, range };
}

/**
 * uPlot's series: the x series first, whose legend label would be uPlot's English "Time" and whose
 * value its English am/pm date, so both are given here (the label translated, the date as ISO).
 */
export function teamChartSeries(labels: readonly string[], timeLabel: string): uPlot.Series[] {
  return [
    {
      label: timeLabel,
      value: (_u, v) => (v === null ? '' : new Date(v * 1000).toISOString().slice(0, 10)),
    },
    ...labels.map((label, i) => ({
      label,
      stroke: PALETTE[i % PALETTE.length],
      width: 2,
      spanGaps: true,
    })),
  ];
}

/**
 * The team chart: progress of each person's most urgent goal over time, drawn with uPlot (small,
 * fast, canvas-based). People come in the dashboard's attention order, so the first colours are
 * the people who need attention.
 */
export function TeamChart(props: {
  rows: readonly DashboardPerson[];
  title: string;
  /** The legend's label of the date column. */
  timeLabel: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const { labels, data, range } = teamChartData(props.rows);
  const key = JSON.stringify([data, range, props.timeLabel]);
  useEffect(() => {
    const el = host.current;
    if (!el || labels.length === 0) return;
    const chart = new uPlot(
      {
        width: Math.max(240, el.clientWidth || 360),
        height: 180,
        legend: { show: true },
        scales: { x: range ? { time: true, range: () => range } : { time: true } },
        axes: [{}, { values: (_u, ticks) => ticks.map((v) => `${v}%`) }],
        series: teamChartSeries(labels, props.timeLabel),
      },
      data,
      el,
    );
    return () => chart.destroy();
  }, [key]);
  if (labels.length === 0) return null;
  return (
    <figure class="team-chart" data-testid="team-chart">
      <figcaption class="muted small">{props.title}</figcaption>
      <div ref={host} />
    </figure>
  );
}
