import type { SparkPoint } from './spark-types.ts';

/**
 * A trend sparkline: progress share at each check-in, with the 100% line. Plain SVG: a dozen
 * points per goal on every row would cost a chart instance each, for a line this small.
 */
export function Sparkline(props: {
  points: readonly SparkPoint[];
  width?: number;
  height?: number;
}) {
  const { points } = props;
  const width = props.width ?? 96;
  const height = props.height ?? 24;
  if (points.length < 2) return <span class="sparkline-empty muted small">–</span>;
  const top = Math.max(1, ...points.map((p) => p.share));
  const x = (i: number) => (i / (points.length - 1)) * (width - 2) + 1;
  const y = (share: number) => height - 1 - (Math.max(0, share) / top) * (height - 2);
  const line = points.map((p, i) => `${x(i).toFixed(1)},${y(p.share).toFixed(1)}`).join(' ');
  return (
    <svg
      class="sparkline"
      data-testid="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${Math.round((points[points.length - 1]?.share ?? 0) * 100)}%`}
    >
      <line x1="0" x2={width} y1={y(1)} y2={y(1)} class="sparkline-target" />
      <polyline points={line} class="sparkline-line" fill="none" />
    </svg>
  );
}
