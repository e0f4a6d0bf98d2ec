import type { Direction, Goal, Metric, Milestone } from '../model/performance.ts';
import { resolveWeights } from './weights.ts';

/**
 * Progress of one goal on its own, before any roll-up. Unclamped progress shows over-achievement
 * (1.3) and backsliding (-0.2) to the person; roll-ups use the clamped value so one runaway key
 * result cannot carry its siblings.
 */

/** How a progress figure was reached, so the UI can explain a 0 or a blank. */
export type ProgressReason =
  | 'measured'
  | 'zero-range-met'
  | 'zero-range-not-met'
  | 'no-value'
  | 'no-metric'
  | 'not-a-number'
  | 'binary-done'
  | 'binary-open'
  | 'milestones'
  | 'no-milestones';

/** A progress figure: `progress` unclamped, `clamped` within 0..1; both null when unknown. */
export interface Progress {
  progress: number | null;
  clamped: number | null;
  reason: ProgressReason;
}

/** Keeps a progress figure within 0..1 for roll-ups and bars. */
export function clampProgress(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.min(1, Math.max(0, value));
}

function known(progress: number, reason: ProgressReason): Progress {
  return { progress, clamped: clampProgress(progress), reason };
}

/** Whether `current` is at or beyond `target` in the direction that counts as better. */
export function meetsTarget(current: number, target: number, direction: Direction): boolean {
  return direction === 'increase' ? current >= target : current <= target;
}

/**
 * Progress of a key result: (current - start) / (target - start). The formula needs no direction:
 * a falling target ("defects from 100 to 20") has a negative range, so 60 gives 0.5. The direction
 * only decides a zero range (target = start, e.g. "keep above 95%"): done when the current value
 * meets the target in that direction, else 0. A missing current value gives null, never 0, so
 * "not measured yet" is not mistaken for "no progress".
 */
export function metricProgress(
  metric: Pick<Metric, 'start' | 'target' | 'current' | 'direction'>,
): Progress {
  const { start, target, current, direction } = metric;
  if (current === null || current === undefined) {
    return { progress: null, clamped: null, reason: 'no-value' };
  }
  if (![start, target, current].every(Number.isFinite)) {
    return { progress: null, clamped: null, reason: 'not-a-number' };
  }
  const range = target - start;
  if (range === 0) {
    return meetsTarget(current, target, direction)
      ? known(1, 'zero-range-met')
      : known(0, 'zero-range-not-met');
  }
  return known((current - start) / range, 'measured');
}

/**
 * Progress of a milestone goal: the weighted share of milestones done. Milestone weights follow
 * the same rules as goal weights (null shares equally); bad weights fall back to equal shares.
 */
export function milestoneProgress(
  milestones: readonly Pick<Milestone, 'done' | 'weight'>[],
): Progress {
  if (milestones.length === 0) return { progress: null, clamped: null, reason: 'no-milestones' };
  const { shares } = resolveWeights(milestones.map((m) => m.weight));
  let done = 0;
  milestones.forEach((m, i) => {
    if (m.done) done += shares[i] ?? 0;
  });
  // Shares are float fractions of 1; snap a full set to exactly 1 so "all done" reads as done.
  const progress = milestones.every((m) => m.done) ? 1 : Math.min(done, 1);
  return known(progress, 'milestones');
}

/**
 * A goal's own progress by its kind: metric goals from their key-result figures, binary goals from
 * their status (done or not), milestone goals from their milestones.
 */
export function goalProgress(
  goal: Pick<Goal, 'kind' | 'status' | 'metric'> & { milestones?: Goal['milestones'] },
): Progress {
  switch (goal.kind) {
    case 'binary':
      return goal.status === 'done' ? known(1, 'binary-done') : known(0, 'binary-open');
    case 'milestone':
      return milestoneProgress(goal.milestones ?? []);
    case 'metric':
      return goal.metric === null
        ? { progress: null, clamped: null, reason: 'no-metric' }
        : metricProgress(goal.metric);
  }
}
