/** One point of a trend line: progress share (0..1, unclamped) on a date. */
export interface SparkPoint {
  date: string;
  share: number;
}
