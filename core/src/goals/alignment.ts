import type { Person, Unit } from '../model/org.ts';
import type { Goal } from '../model/performance.ts';
import { fail, ok, type Result } from '../model/result.ts';
import { buildGoalTree, type GoalTree } from './goal-tree.ts';

/**
 * Whether every goal traces up to the company's strategy. A strategy goal is a top goal (no parent)
 * owned by the company unit; a goal that cannot reach one is an orphan, however busy it looks.
 */

/** Why a goal has no path to a strategy goal. */
export type AlignmentFailure = 'unknown-goal' | 'orphan' | 'parent-missing' | 'parent-cycle';

/** The chain from a goal up to its strategy goal, the goal first and the strategy goal last. */
export interface AlignmentPath {
  path: string[];
  strategyGoalId: string;
}

/** True for a top goal owned by a company-kind unit. */
export function isStrategyGoal(goal: Goal, unitsById: ReadonlyMap<string, Unit>): boolean {
  return (
    goal.parentId === null &&
    goal.owner.kind === 'unit' &&
    unitsById.get(goal.owner.id)?.kind === 'company'
  );
}

function walkUp(
  goalId: string,
  tree: GoalTree,
  unitsById: ReadonlyMap<string, Unit>,
): Result<AlignmentPath, AlignmentFailure> {
  if (!tree.byId.has(goalId)) return fail('unknown-goal', `There is no goal ${goalId}.`);
  const path: string[] = [];
  let at: string | null = goalId;
  // Cycle members have no effective parent, so this walk always ends; a bound guards it anyway.
  while (at !== null && path.length <= tree.byId.size) {
    path.push(at);
    const goal = tree.byId.get(at) as Goal;
    const cycle = tree.cycleOf.get(at);
    if (cycle !== undefined) {
      return fail(
        'parent-cycle',
        `The parent links loop (${[...cycle, cycle[0]].join(' -> ')}), so ${goalId} reaches no strategy goal.`,
        { path, cycle },
      );
    }
    const missing = tree.missingParent.get(at);
    if (missing !== undefined) {
      return fail(
        'parent-missing',
        `Goal ${at} points to parent ${missing}, which does not exist.`,
        {
          path,
          parentId: missing,
        },
      );
    }
    if (goal.parentId === null) {
      return isStrategyGoal(goal, unitsById)
        ? ok({ path, strategyGoalId: at })
        : fail(
            'orphan',
            at === goalId
              ? `${goalId} is a top goal not owned by the company, so it supports no strategy goal.`
              : `${goalId} leads up to ${at}, a top goal not owned by the company, so it supports no strategy goal.`,
            { path },
          );
    }
    at = tree.effectiveParent.get(at) ?? null;
  }
  return fail('orphan', `${goalId} reaches no strategy goal.`, { path });
}

/** The path from one goal up to its strategy goal, or why there is none. */
export function pathToStrategy(
  goalId: string,
  goals: readonly Goal[],
  units: readonly Unit[],
): Result<AlignmentPath, AlignmentFailure> {
  return walkUp(goalId, buildGoalTree(goals), new Map(units.map((u) => [u.id, u])));
}

/** A goal without a path to the strategy. */
export interface OrphanFinding {
  goalId: string;
  reason: AlignmentFailure;
  message: string;
  /** The goals walked up from `goalId` before the walk failed (the top reached last). */
  path: string[];
}

/** A goal whose period sticks out of its parent's period. */
export interface PeriodFinding {
  goalId: string;
  parentId: string;
  reason: 'period-outside-parent';
  message: string;
}

/** A unit with no goal supporting a strategy goal. */
export interface CoverageFinding {
  unitId: string;
  strategyGoalId: string;
  reason: 'unit-without-goal';
  message: string;
}

/** Everything found about how a goal set lines up with the strategy. */
export interface AlignmentReport {
  paths: Map<string, AlignmentPath>;
  orphans: OrphanFinding[];
  periodOutsideParent: PeriodFinding[];
  uncovered: CoverageFinding[];
}

/**
 * Checks a whole goal set: each non-archived goal's path to a strategy goal (orphans listed with
 * the reason), goals whose period falls outside their parent's, and, for the units in
 * `unitsToCover`, the strategy goals they have no goal under. A unit counts as covered by a goal it
 * owns or, when `people` is given, by a goal owned by one of its members.
 */
export function checkAlignment(
  goals: readonly Goal[],
  units: readonly Unit[],
  options: {
    unitsToCover?: readonly string[];
    people?: readonly Pick<Person, 'id' | 'unitId'>[];
  } = {},
): AlignmentReport {
  const tree = buildGoalTree(goals);
  const unitsById = new Map(units.map((u) => [u.id, u]));
  const live = [...tree.byId.values()].filter((g) => g.status !== 'archived');
  const paths = new Map<string, AlignmentPath>();
  const orphans: OrphanFinding[] = [];
  const periodOutsideParent: PeriodFinding[] = [];
  for (const goal of live) {
    const path = walkUp(goal.id, tree, unitsById);
    if (path.ok) paths.set(goal.id, path.value);
    else {
      const walked = (path.details as { path?: string[] } | undefined)?.path ?? [goal.id];
      orphans.push({ goalId: goal.id, reason: path.reason, message: path.message, path: walked });
    }
    const parentId = tree.effectiveParent.get(goal.id) ?? null;
    const parent = parentId === null ? undefined : tree.byId.get(parentId);
    if (parent && (goal.periodStart < parent.periodStart || goal.periodEnd > parent.periodEnd)) {
      periodOutsideParent.push({
        goalId: goal.id,
        parentId: parent.id,
        reason: 'period-outside-parent',
        message:
          `${goal.id} runs ${goal.periodStart} to ${goal.periodEnd}, outside its parent ${parent.id} ` +
          `(${parent.periodStart} to ${parent.periodEnd}).`,
      });
    }
  }

  const unitOfPerson = new Map((options.people ?? []).map((p) => [p.id, p.unitId]));
  const unitOfGoal = (g: Goal): string | null =>
    g.owner.kind === 'unit' ? g.owner.id : (unitOfPerson.get(g.owner.id) ?? null);
  const covered = new Map<string, Set<string>>();
  for (const [goalId, path] of paths) {
    const unit = unitOfGoal(tree.byId.get(goalId) as Goal);
    if (unit === null) continue;
    const set = covered.get(path.strategyGoalId) ?? new Set<string>();
    set.add(unit);
    covered.set(path.strategyGoalId, set);
  }
  const uncovered: CoverageFinding[] = [];
  const strategies = live.filter((g) => isStrategyGoal(g, unitsById)).map((g) => g.id);
  for (const strategyGoalId of strategies.sort()) {
    for (const unitId of options.unitsToCover ?? []) {
      if (covered.get(strategyGoalId)?.has(unitId)) continue;
      uncovered.push({
        unitId,
        strategyGoalId,
        reason: 'unit-without-goal',
        message: `${unitsById.get(unitId)?.name ?? unitId} has no goal supporting strategy goal ${strategyGoalId}.`,
      });
    }
  }
  return { paths, orphans, periodOutsideParent, uncovered };
}
