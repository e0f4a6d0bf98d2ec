import { findParentCycles } from '../goals/goal-tree.ts';
import type { Goal } from '../model/performance.ts';
import { parseDocName } from './names.ts';
import { orgOfGoalId, type StoredGoal } from './goal-docs.ts';

/**
 * One goal tree out of several documents. A team goal's parent lives in the strategy document, a
 * private goal's parent in a team document, and concurrent edits in different documents (or in one)
 * can leave links that loop, point at deleted goals, or name the same id twice. Every client runs
 * this on the same converged documents, so the rules below are deterministic: same documents, same
 * tree, whatever order they were loaded or merged in.
 */

/** Something the assembly had to repair or could not place; shown to the user, never thrown. */
export type ForestIssue =
  | {
      code: 'cycle-cut';
      goalId: string;
      /** The loop as found, smallest id first. */
      cycle: string[];
      message: string;
    }
  | { code: 'parent-deleted'; goalId: string; deletedParentId: string; message: string }
  | { code: 'parent-missing'; goalId: string; parentId: string; message: string }
  | { code: 'parent-other-org'; goalId: string; parentId: string; message: string }
  | { code: 'duplicate-id'; goalId: string; keptFrom: string; droppedFrom: string; message: string }
  | { code: 'visibility-misplaced'; goalId: string; docName: string; message: string };

/** The assembled tree: live goals with the parent each is shown under, and what was repaired. */
export interface GoalForest {
  /** Live (not deleted) goals; `parentId` is the effective parent after repairs. */
  goals: Goal[];
  /** Deleted goals, as stored (for undo and a "recently deleted" list). */
  deleted: Goal[];
  /** The document each goal (live or deleted) was read from. */
  docOf: Map<string, string>;
  /** The parent each live goal had in its document, before repairs. */
  storedParent: Map<string, string | null>;
  issues: ForestIssue[];
}

const DOC_RANK: Record<string, number> = { strategy: 0, team: 1, 'person-private': 2 };

function docRank(docName: string): number {
  const kind = parseDocName(docName)?.kind;
  return kind === undefined ? 9 : (DOC_RANK[kind] ?? 9);
}

/** Which of two copies of one id wins: a live one, then the wider document, then the name. */
function better(a: StoredGoal, b: StoredGoal): boolean {
  if (a.deleted !== b.deleted) return !a.deleted;
  const ra = docRank(a.docName);
  const rb = docRank(b.docName);
  if (ra !== rb) return ra < rb;
  return a.docName < b.docName;
}

/**
 * Assembles the goals read from several documents into one forest:
 * 1. An id found in several documents is kept once (live over deleted, strategy over team over
 *    private, then by document name) and reported.
 * 2. Parent links that loop are cut at one goal per loop: the one moved last (largest `movedAt`,
 *    then largest id). It becomes a top goal and the loop is reported, so every client shows the
 *    same tree and no goal disappears into a loop. A loop left by a single client cannot arise:
 *    the editors refuse such a move; loops come from concurrent moves.
 * 3. A goal under a deleted goal is shown under the nearest living ancestor (reported).
 * 4. A parent in another organisation is dropped (reported); a parent that is simply not loaded
 *    (not yet synced, or in a document this person may not read) is kept as is, for the roll-up
 *    and alignment checks to report as missing.
 */
export function assembleGoalForest(org: string, stored: readonly StoredGoal[]): GoalForest {
  const issues: ForestIssue[] = [];
  const byId = new Map<string, StoredGoal>();
  for (const s of [...stored].sort((a, b) => (a.docName < b.docName ? -1 : 1))) {
    const seen = byId.get(s.goal.id);
    if (seen === undefined) {
      byId.set(s.goal.id, s);
      continue;
    }
    const [kept, dropped] = better(s, seen) ? [s, seen] : [seen, s];
    byId.set(s.goal.id, kept);
    issues.push({
      code: 'duplicate-id',
      goalId: s.goal.id,
      keptFrom: kept.docName,
      droppedFrom: dropped.docName,
      message: `Goal ${s.goal.id} is in both ${kept.docName} and ${dropped.docName}; the copy in ${kept.docName} is shown.`,
    });
  }

  const ids = [...byId.keys()].sort();
  const parent = new Map<string, string | null>();
  for (const id of ids) {
    const s = byId.get(id) as StoredGoal;
    const kind = parseDocName(s.docName)?.kind;
    const inPrivate = kind === 'person-private';
    if ((s.goal.visibility === 'private') !== inPrivate && kind !== undefined) {
      issues.push({
        code: 'visibility-misplaced',
        goalId: id,
        docName: s.docName,
        message: inPrivate
          ? `Goal ${id} is marked public but sits in a private document, so only its owner's chain sees it.`
          : `Goal ${id} is marked private but sits in ${s.docName}, which others can read; move it to the owner's private goals.`,
      });
    }
    let p = s.goal.parentId;
    const parentOrg = p === null ? null : orgOfGoalId(p);
    if (p !== null && parentOrg !== null && parentOrg !== org) {
      issues.push({
        code: 'parent-other-org',
        goalId: id,
        parentId: p,
        message: `Goal ${id} names ${p}, a goal of organisation ${parentOrg}, as its parent; it is shown as a top goal.`,
      });
      p = null;
    }
    parent.set(id, p);
  }

  for (const cycle of findParentCycles(
    ids.map((id) => ({ id, parentId: parent.get(id) ?? null })),
  )) {
    let cut = cycle[0] as string;
    for (const id of cycle) {
      const a = byId.get(id) as StoredGoal;
      const b = byId.get(cut) as StoredGoal;
      if (a.movedAt > b.movedAt || (a.movedAt === b.movedAt && id > cut)) cut = id;
    }
    parent.set(cut, null);
    issues.push({
      code: 'cycle-cut',
      goalId: cut,
      cycle,
      message:
        `Moves made at the same time linked ${[...cycle, cycle[0]].join(' -> ')} in a loop; ` +
        `${cut}, moved last, is shown as a top goal. Move it where it belongs.`,
    });
  }

  // Nearest living ancestor, memoised; the links are loop-free now, so the walks end.
  const living = new Map<string, string | null>();
  const livingParent = (id: string): string | null => {
    const path: string[] = [];
    let at = parent.get(id) ?? null;
    while (at !== null && byId.has(at) && (byId.get(at) as StoredGoal).deleted) {
      const known = living.get(at);
      if (known !== undefined) {
        at = known;
        break;
      }
      path.push(at);
      at = parent.get(at) ?? null;
    }
    for (const p of path) living.set(p, at);
    return at;
  };

  const goals: Goal[] = [];
  const deleted: Goal[] = [];
  const docOf = new Map<string, string>();
  const storedParent = new Map<string, string | null>();
  for (const id of ids) {
    const s = byId.get(id) as StoredGoal;
    docOf.set(id, s.docName);
    if (s.deleted) {
      deleted.push(s.goal);
      continue;
    }
    storedParent.set(id, s.goal.parentId);
    const direct = parent.get(id) ?? null;
    let effective = direct;
    if (direct !== null && byId.get(direct)?.deleted === true) {
      effective = livingParent(id);
      issues.push({
        code: 'parent-deleted',
        goalId: id,
        deletedParentId: direct,
        message:
          `The parent of ${id} (${direct}) was deleted; it is shown under ` +
          `${effective ?? 'the top level'} until it is moved.`,
      });
    } else if (direct !== null && !byId.has(direct)) {
      issues.push({
        code: 'parent-missing',
        goalId: id,
        parentId: direct,
        message: `The parent of ${id} (${direct}) is not loaded or not visible to you.`,
      });
    }
    goals.push(effective === s.goal.parentId ? s.goal : { ...s.goal, parentId: effective });
  }
  return { goals, deleted, docOf, storedParent, issues };
}

/**
 * Whether putting `goalId` under `parentId` would close a loop in the tree as this client sees it
 * (the parent is the goal itself or one of its descendants). Editors refuse such a move; loops
 * from moves made concurrently elsewhere are cut by `assembleGoalForest`.
 */
export function wouldCreateCycle(
  goals: readonly Pick<Goal, 'id' | 'parentId'>[],
  goalId: string,
  parentId: string | null,
): boolean {
  if (parentId === null) return false;
  const parentOf = new Map(goals.map((g) => [g.id, g.parentId]));
  const seen = new Set<string>();
  let at: string | null = parentId;
  while (at !== null && !seen.has(at)) {
    if (at === goalId) return true;
    seen.add(at);
    at = parentOf.get(at) ?? null;
  }
  return false;
}
