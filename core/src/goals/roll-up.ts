import type { Goal } from '../model/performance.ts';
import { buildGoalTree } from './goal-tree.ts';
import { goalProgress, type ProgressReason } from './progress.ts';
import { resolveWeights, type WeightIssue } from './weights.ts';

/**
 * Progress of a whole goal set at once. Computing every goal from the current set (rather than
 * patching ancestors when a child changes) means a moved, deleted or archived child is reflected in
 * every ancestor simply by recomputing, and concurrent edits can never leave a stale total behind.
 */

/** `weighted` uses the children's weights; `mean` ignores them (some organisations prefer it). */
export type RollUpMode = 'weighted' | 'mean';

/** Something about a goal's links or weights the roll-up had to work around. */
export type RollUpIssue =
  | { code: 'parent-cycle'; message: string; cycle: string[] }
  | { code: 'parent-missing'; message: string; parentId: string }
  | { code: 'duplicate-id'; message: string }
  | ({ code: 'weights' } & { message: string; weightIssue: WeightIssue });

/** One goal's progress after the roll-up. */
export interface RollUpEntry {
  goalId: string;
  /**
   * Unclamped own progress for a leaf (over-achievement visible); the weighted sum of the
   * children's clamped progress (within 0..1) for a parent. Null when nothing is measured.
   */
  progress: number | null;
  /** Within 0..1; what the goal contributes to its own parent. */
  clamped: number | null;
  /** `own` for a goal without active children, `children` when it was rolled up. */
  source: 'own' | 'children';
  reason: ProgressReason | 'rolled-up';
  /** Each contributing child's share of this goal (summing to 1), in id order. */
  shares: { goalId: string; share: number }[];
  /** Contributing children with no measured progress; they count as 0. */
  unmeasuredChildren: string[];
  archived: boolean;
  issues: RollUpIssue[];
}

/** Options of {@link rollUp}. */
export interface RollUpOptions {
  mode?: RollUpMode;
}

/**
 * Rolls progress up a goal set. A goal with active (non-archived) children gets the weighted sum
 * of their clamped progress; unmeasured children count as 0 (and are listed), and a parent whose
 * children are all unmeasured is itself unmeasured. Archived goals keep an entry but count for no
 * parent. Cycles in parent links and links to unknown parents are reported on the goals involved,
 * which are then treated as roots; the walk is linear and never loops.
 */
export function rollUp(
  goals: readonly Goal[],
  options: RollUpOptions = {},
): Map<string, RollUpEntry> {
  const mode = options.mode ?? 'weighted';
  const tree = buildGoalTree(goals);
  const result = new Map<string, RollUpEntry>();
  const duplicates = new Set(tree.duplicateIds);
  const issuesOf = (id: string): RollUpIssue[] => {
    const issues: RollUpIssue[] = [];
    if (duplicates.has(id)) {
      issues.push({
        code: 'duplicate-id',
        message: `Goal id ${id} appears more than once; the last copy counts.`,
      });
    }
    const missing = tree.missingParent.get(id);
    if (missing !== undefined) {
      issues.push({
        code: 'parent-missing',
        message: `Parent goal ${missing} does not exist (deleted?); this goal is treated as a top goal.`,
        parentId: missing,
      });
    }
    const cycle = tree.cycleOf.get(id);
    if (cycle !== undefined) {
      issues.push({
        code: 'parent-cycle',
        message: `Parent links loop (${[...cycle, cycle[0]].join(' -> ')}); this goal is treated as a top goal.`,
        cycle,
      });
    }
    return issues;
  };

  for (const id of tree.bottomUp) {
    const goal = tree.byId.get(id) as Goal;
    const archived = goal.status === 'archived';
    const issues = issuesOf(id);
    const active = (tree.children.get(id) ?? []).filter(
      (c) => tree.byId.get(c)?.status !== 'archived',
    );
    if (active.length === 0) {
      const own = goalProgress(goal);
      result.set(id, {
        goalId: id,
        progress: own.progress,
        clamped: own.clamped,
        source: 'own',
        reason: own.reason,
        shares: [],
        unmeasuredChildren: [],
        archived,
        issues,
      });
      continue;
    }
    const childGoals = active.map((c) => tree.byId.get(c) as Goal);
    const resolved =
      mode === 'mean'
        ? resolveWeights(childGoals.map(() => null))
        : resolveWeights(childGoals.map((g) => g.weight));
    for (const w of resolved.issues)
      issues.push({ code: 'weights', message: w.message, weightIssue: w });
    let sum = 0;
    let measured = 0;
    const unmeasured: string[] = [];
    active.forEach((c, i) => {
      const clamped = result.get(c)?.clamped ?? null;
      if (clamped === null) unmeasured.push(c);
      else {
        measured += 1;
        sum += (resolved.shares[i] ?? 0) * clamped;
      }
    });
    // Shares add to 1 only up to float rounding; keep the figure inside 0..1 as promised.
    const progress = measured === 0 ? null : Math.min(1, Math.max(0, sum));
    result.set(id, {
      goalId: id,
      progress,
      clamped: progress,
      source: 'children',
      reason: measured === 0 ? 'no-value' : 'rolled-up',
      shares: active.map((c, i) => ({ goalId: c, share: resolved.shares[i] ?? 0 })),
      unmeasuredChildren: unmeasured,
      archived,
      issues,
    });
  }
  return result;
}
