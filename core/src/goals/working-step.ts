/**
 * One line of shown working. Decomposition results are explained to managers who must defend the
 * numbers to their teams, so every function returns its steps: English text for direct display, a
 * stable `code` and the raw `values` so a UI can render the same step in zh-CN (or any language).
 */
export interface WorkingStep {
  code: string;
  text: string;
  values: Record<string, number | string | null | readonly (number | string)[]>;
}

/** Writes a number without float noise (0.30000000000000004 -> 0.3) for step texts. */
export function showNumber(value: number, maxDecimals = 6): string {
  return String(Number(value.toFixed(maxDecimals)));
}

/** Writes a fraction as a percentage with the given decimals (0.01531 -> "1.531%"). */
export function showPercent(fraction: number, decimals: number): string {
  return `${(fraction * 100).toFixed(decimals)}%`;
}
