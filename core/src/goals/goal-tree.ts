import type { Goal } from '../model/performance.ts';

/**
 * The parent links of a goal set as a forest. Parent links are edited concurrently in Yjs (two
 * managers move goals under each other), so the links can form cycles or point at deleted goals;
 * every walk over them goes through here, where both are found up front and nothing loops.
 */

/** A goal set indexed for walking, with its broken links found. */
export interface GoalTree {
  byId: Map<string, Goal>;
  /** The parent each goal is treated as having: null for roots, unknown parents and cycle members. */
  effectiveParent: Map<string, string | null>;
  /** Children by effective parent, sorted by id so results never depend on input order. */
  children: Map<string, string[]>;
  /** Each cycle of parent links once, as ids in link order, starting from the smallest id. */
  cycles: string[][];
  /** The cycle each cycle member belongs to. */
  cycleOf: Map<string, string[]>;
  /** Goals whose parent id names no goal in the set (deleted, or never imported). */
  missingParent: Map<string, string>;
  /** Ids that appeared more than once; the last occurrence is kept. */
  duplicateIds: string[];
  /** Every goal id, parents after all their descendants (safe order for bottom-up sums). */
  bottomUp: string[];
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Finds the cycles in parent links. Each goal has at most one parent, so following parents from
 * any goal either ends at a root or enters exactly one cycle; colouring visited goals keeps the
 * whole search linear.
 */
export function findParentCycles(goals: readonly Pick<Goal, 'id' | 'parentId'>[]): string[][] {
  const parent = new Map<string, string | null>();
  for (const g of goals) parent.set(g.id, g.parentId);
  const state = new Map<string, 'walking' | 'done'>();
  const cycles: string[][] = [];
  for (const g of [...parent.keys()].sort(compareIds)) {
    const path: string[] = [];
    let at: string | null | undefined = g;
    while (at !== null && at !== undefined && parent.has(at) && !state.has(at)) {
      state.set(at, 'walking');
      path.push(at);
      at = parent.get(at);
    }
    if (at !== null && at !== undefined && state.get(at) === 'walking') {
      const cycle = path.slice(path.indexOf(at));
      const first = cycle.indexOf([...cycle].sort(compareIds)[0] as string);
      cycles.push([...cycle.slice(first), ...cycle.slice(0, first)]);
    }
    for (const p of path) state.set(p, 'done');
  }
  return cycles;
}

/** Indexes a goal set: effective parents, sorted children, cycles and a bottom-up order. */
export function buildGoalTree(goals: readonly Goal[]): GoalTree {
  const byId = new Map<string, Goal>();
  const duplicateIds: string[] = [];
  for (const g of goals) {
    if (byId.has(g.id)) duplicateIds.push(g.id);
    byId.set(g.id, g);
  }
  const cycles = findParentCycles([...byId.values()]);
  const cycleOf = new Map(cycles.flatMap((c) => c.map((id) => [id, c] as const)));
  const inCycle = new Set(cycleOf.keys());
  const effectiveParent = new Map<string, string | null>();
  const missingParent = new Map<string, string>();
  const children = new Map<string, string[]>();
  for (const g of byId.values()) {
    let parent: string | null = g.parentId;
    if (parent !== null && !byId.has(parent)) {
      missingParent.set(g.id, parent);
      parent = null;
    }
    // A cycle has no top, so its members are cut loose and treated as roots (and reported).
    if (inCycle.has(g.id)) parent = null;
    effectiveParent.set(g.id, parent);
    if (parent !== null) {
      const list = children.get(parent) ?? [];
      list.push(g.id);
      children.set(parent, list);
    }
  }
  for (const list of children.values()) list.sort(compareIds);

  const roots = [...byId.keys()].filter((id) => effectiveParent.get(id) === null).sort(compareIds);
  const topDown: string[] = [];
  const queue = [...roots];
  for (let i = 0; i < queue.length; i += 1) {
    const id = queue[i] as string;
    topDown.push(id);
    queue.push(...(children.get(id) ?? []));
  }
  return {
    byId,
    effectiveParent,
    children,
    cycles,
    cycleOf,
    missingParent,
    duplicateIds,
    bottomUp: topDown.reverse(),
  };
}
