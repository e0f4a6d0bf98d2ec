import * as Y from 'yjs';
import type { Metric, Milestone } from '../model/performance.ts';
import { Goal } from '../model/performance.ts';
import { fail, ok, type Result } from '../model/result.ts';
import type { InvalidEntry } from './directory.ts';

/**
 * The Yjs shape of goals. Goals live in three kinds of document, split by who may see them:
 * `org/{org}/strategy` (the company's goals, read by every member), `org/{org}/team/{unit}` (a
 * unit's goals and its people's public goals) and `org/{org}/person/{p}/private` (p's private
 * goals, never sent to a peer). Every one holds the same top-level `goals` Y.Map.
 *
 * Each goal is its own nested Y.Map (id -> field), and its metric a Y.Map inside it, so two
 * managers who change different fields of one goal (one the target, one the current value) both
 * keep their change; two changes of the same field resolve last-writer-wins, as Yjs does.
 * A goal is deleted by a `deleted` flag, not by removing its map: removing would silently drop a
 * concurrent edit, and the children of a deleted goal must still find their way to the strategy.
 */

/** Top-level type names of a goal document; every reader and writer goes through these. */
export const GOAL_MAPS = { goals: 'goals' } as const;

/** Field names inside one goal's Y.Map that are not fields of the `Goal` schema. */
export const GOAL_META_FIELDS = {
  /** true once deleted; the goal stays so its children can be re-attached and undo can restore it. */
  deleted: 'deleted',
  /** Epoch ms of the last change of `parentId`; the latest move loses when moves make a loop. */
  movedAt: 'movedAt',
} as const;

/** A goal as stored, with the bookkeeping the tree assembly needs. */
export interface StoredGoal {
  goal: Goal;
  deleted: boolean;
  movedAt: number;
  /** The document it was read from. */
  docName: string;
}

/** Why a write to a goal document was refused. */
export type GoalWriteFailure =
  'invalid-goal' | 'unknown-goal' | 'wrong-org' | 'private-in-shared-doc' | 'public-in-private-doc';

/** Where a goal document sits: its name, organisation, and whether it is a private document. */
export interface GoalDocTarget {
  docName: string;
  org: string;
  /** True for `org/{org}/person/{p}/private`: only private goals may be written there. */
  private: boolean;
}

/** The goal map of a document. */
export function goalsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(GOAL_MAPS.goals);
}

/**
 * The organisation a goal id belongs to. Ids are `{org}:g:{random}` so that they are unique across
 * organisations and a parent typed from another organisation is recognised as such, not merely as
 * unknown. Ids not in that shape (imported ones) give null.
 */
export function orgOfGoalId(goalId: string): string | null {
  const at = goalId.indexOf(':g:');
  return at > 0 ? goalId.slice(0, at) : null;
}

/**
 * Makes a goal id from random text the caller supplies (core has no randomness of its own): the
 * extension passes `crypto.randomUUID()`, tests a seeded counter.
 */
export function makeGoalId(org: string, random: string): string {
  return `${org}:g:${random.replace(/[^A-Za-z0-9._-]/g, '').slice(0, 60)}`;
}

function metricToY(metric: Metric): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(metric)) m.set(k, v);
  return m;
}

function milestonesToY(milestones: readonly Milestone[]): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  for (const ms of milestones) m.set(ms.id, { ...ms });
  return m;
}

/** Plain value of one field of a goal's Y.Map (nested maps turned into objects). */
function plainField(key: string, value: unknown): unknown {
  if (key === 'metric') return value instanceof Y.Map ? value.toJSON() : (value ?? null);
  if (key === 'milestones') {
    if (!(value instanceof Y.Map)) return Array.isArray(value) ? value : [];
    // Milestones are kept by id; show them in due-date order, undated last, then by id.
    return [...(value.values() as IterableIterator<Milestone>)].sort((a, b) =>
      (a.due ?? '9999') < (b.due ?? '9999')
        ? -1
        : (a.due ?? '9999') > (b.due ?? '9999')
          ? 1
          : a.id < b.id
            ? -1
            : a.id > b.id
              ? 1
              : 0,
    );
  }
  return value;
}

/** Reads one goal's Y.Map into a plain object (not yet validated). */
export function goalMapToJson(map: Y.Map<unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  map.forEach((value, key) => {
    out[key] = plainField(key, value);
  });
  return out;
}

/**
 * Reads every goal of a goal document through the `Goal` schema. A goal whose stored fields fail
 * the schema (an old client, a hand-edited document) is listed in `invalid` and left out, so one
 * bad entry never hides the rest of the tree.
 */
export function readGoalDoc(
  doc: Y.Doc,
  docName: string,
): { goals: StoredGoal[]; invalid: InvalidEntry[] } {
  const goals: StoredGoal[] = [];
  const invalid: InvalidEntry[] = [];
  goalsMap(doc).forEach((map, key) => {
    if (!(map instanceof Y.Map)) {
      invalid.push({ map: GOAL_MAPS.goals, key, message: 'not a goal map' });
      return;
    }
    const raw = goalMapToJson(map);
    const { deleted, movedAt, ...fields } = raw;
    const parsed = Goal.safeParse({ ...fields, id: key });
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      invalid.push({
        map: GOAL_MAPS.goals,
        key,
        message: `${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}`,
      });
      return;
    }
    goals.push({
      goal: parsed.data,
      deleted: deleted === true,
      movedAt: typeof movedAt === 'number' && Number.isFinite(movedAt) ? movedAt : 0,
      docName,
    });
  });
  return { goals, invalid };
}

function checkTarget(goal: Goal, target: GoalDocTarget): Result<Goal, GoalWriteFailure> {
  const org = orgOfGoalId(goal.id);
  if (org !== null && org !== target.org) {
    return fail('wrong-org', `Goal ${goal.id} belongs to organisation ${org}, not ${target.org}.`);
  }
  const parentOrg = goal.parentId === null ? null : orgOfGoalId(goal.parentId);
  if (parentOrg !== null && parentOrg !== target.org) {
    return fail(
      'wrong-org',
      `Parent goal ${goal.parentId} belongs to organisation ${parentOrg}; goals cannot cross organisations.`,
    );
  }
  if (goal.visibility === 'private' && !target.private) {
    return fail(
      'private-in-shared-doc',
      `A private goal cannot be written to ${target.docName}, which others may read.`,
    );
  }
  if (goal.visibility === 'public' && target.private) {
    return fail(
      'public-in-private-doc',
      `A public goal belongs in a team or strategy document, not in ${target.docName}.`,
    );
  }
  return ok(goal);
}

/**
 * Adds a goal (or replaces every field of an existing one) in one transaction. The goal is checked
 * against the schema and the document: a private goal is never written into a document that peers
 * may read. `origin` tags the transaction so a client's undo manager tracks only its own edits.
 * A new goal gets `createdAt` (options.now); a replaced one keeps the time it was first written.
 */
export function putGoal(
  doc: Y.Doc,
  target: GoalDocTarget,
  input: unknown,
  options: { now: number; origin?: unknown },
): Result<Goal, GoalWriteFailure> {
  const parsed = Goal.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return fail('invalid-goal', `${first?.path.join('.') || 'goal'}: ${first?.message}`, {
      issues: parsed.error.issues,
    });
  }
  const checked = checkTarget(parsed.data, target);
  if (!checked.ok) return checked;
  const goal = checked.value;
  // The first write stamps the creation time; a rewrite keeps the stored one.
  const stored = goalsMap(doc).get(goal.id);
  const storedAt = stored instanceof Y.Map ? stored.get('createdAt') : undefined;
  const createdAt =
    typeof storedAt === 'number'
      ? storedAt
      : (goal.createdAt ?? Math.max(0, Math.floor(options.now)));
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    for (const [k, v] of Object.entries(goal)) {
      if (k === 'metric') map.set(k, v === null ? null : metricToY(v as Metric));
      else if (k === 'milestones') map.set(k, milestonesToY(v as Milestone[]));
      else map.set(k, v);
    }
    map.set('createdAt', createdAt);
    map.set(GOAL_META_FIELDS.deleted, false);
    map.set(GOAL_META_FIELDS.movedAt, options.now);
    goalsMap(doc).set(goal.id, map);
  }, options.origin ?? null);
  return ok({ ...goal, createdAt });
}

/** The fields `updateGoal` may change; `id` is fixed and `parentId` goes through `moveGoal`. */
export type GoalPatch = Partial<Omit<Goal, 'id' | 'parentId' | 'metric'>> & {
  metric?: Partial<Metric> | null;
};

/**
 * Changes some fields of a goal, writing only the keys that changed so concurrent edits of other
 * fields (or of other metric figures) survive. The patched goal is validated as a whole first; a
 * patch that would make it invalid (a period ending before it starts) changes nothing.
 */
export function updateGoal(
  doc: Y.Doc,
  target: GoalDocTarget,
  goalId: string,
  patch: GoalPatch,
  options: { origin?: unknown } = {},
): Result<Goal, GoalWriteFailure> {
  const map = goalsMap(doc).get(goalId);
  if (!(map instanceof Y.Map)) return fail('unknown-goal', `There is no goal ${goalId} here.`);
  const current = goalMapToJson(map);
  const currentMetric = (current.metric ?? null) as Metric | null;
  const nextMetric =
    patch.metric === undefined
      ? currentMetric
      : patch.metric === null
        ? null
        : { ...(currentMetric ?? {}), ...patch.metric };
  const { deleted: _d, movedAt: _m, ...fields } = current;
  const parsed = Goal.safeParse({ ...fields, ...patch, metric: nextMetric, id: goalId });
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return fail('invalid-goal', `${first?.path.join('.') || 'goal'}: ${first?.message}`, {
      issues: parsed.error.issues,
    });
  }
  const checked = checkTarget(parsed.data, target);
  if (!checked.ok) return checked;
  doc.transact(() => {
    for (const [k, v] of Object.entries(patch)) {
      if (k === 'metric' || v === undefined) continue;
      if (k === 'milestones') map.set(k, milestonesToY(v as Milestone[]));
      else if (JSON.stringify(map.get(k)) !== JSON.stringify(v)) map.set(k, v);
    }
    if (patch.metric === null) map.set('metric', null);
    else if (patch.metric !== undefined) {
      let metric = map.get('metric');
      if (!(metric instanceof Y.Map)) {
        metric = metricToY(parsed.data.metric as Metric);
        map.set('metric', metric);
      } else {
        for (const [k, v] of Object.entries(patch.metric)) {
          if (v !== undefined && (metric as Y.Map<unknown>).get(k) !== v) {
            (metric as Y.Map<unknown>).set(k, v);
          }
        }
      }
    }
  }, options.origin ?? null);
  return ok(parsed.data);
}

/**
 * Records a new current value of a goal's metric: the most frequent write of all (every check-in),
 * so it touches one key of the nested metric map and nothing else.
 */
export function setGoalProgress(
  doc: Y.Doc,
  goalId: string,
  current: number | null,
  options: { origin?: unknown } = {},
): Result<null, 'unknown-goal' | 'no-metric' | 'invalid-goal'> {
  if (current !== null && !Number.isFinite(current)) {
    return fail('invalid-goal', 'The current value must be a number.');
  }
  const metric = goalsMap(doc).get(goalId)?.get('metric');
  if (metric === undefined) return fail('unknown-goal', `There is no goal ${goalId} here.`);
  if (!(metric instanceof Y.Map)) return fail('no-metric', `Goal ${goalId} has no metric.`);
  doc.transact(() => metric.set('current', current), options.origin ?? null);
  return ok(null);
}

/**
 * Moves a goal under another parent (possibly in another document: a team goal's parent is a
 * strategy goal). Only a direct self-parent is refused here; a move that closes a loop with a
 * concurrent move elsewhere cannot be seen by one client, so loops are resolved when the tree is
 * assembled (see `assembleGoalForest`), using `movedAt` to pick the link to cut.
 */
export function moveGoal(
  doc: Y.Doc,
  target: GoalDocTarget,
  goalId: string,
  parentId: string | null,
  options: { now: number; origin?: unknown },
): Result<null, GoalWriteFailure | 'parent-self'> {
  const map = goalsMap(doc).get(goalId);
  if (!(map instanceof Y.Map)) return fail('unknown-goal', `There is no goal ${goalId} here.`);
  if (parentId === goalId) return fail('parent-self', `Goal ${goalId} cannot be its own parent.`);
  const parentOrg = parentId === null ? null : orgOfGoalId(parentId);
  if (parentOrg !== null && parentOrg !== target.org) {
    return fail(
      'wrong-org',
      `Parent goal ${parentId} belongs to organisation ${parentOrg}; goals cannot cross organisations.`,
    );
  }
  doc.transact(() => {
    map.set('parentId', parentId);
    map.set(GOAL_META_FIELDS.movedAt, options.now);
  }, options.origin ?? null);
  return ok(null);
}

/**
 * Marks a goal deleted (or restores it). Its children are not touched: at read time they hang
 * under the deleted goal's nearest living ancestor, so nothing below it is lost.
 */
export function setGoalDeleted(
  doc: Y.Doc,
  goalId: string,
  deleted: boolean,
  options: { origin?: unknown } = {},
): Result<null, 'unknown-goal'> {
  const map = goalsMap(doc).get(goalId);
  if (!(map instanceof Y.Map)) return fail('unknown-goal', `There is no goal ${goalId} here.`);
  doc.transact(() => map.set(GOAL_META_FIELDS.deleted, deleted), options.origin ?? null);
  return ok(null);
}

/**
 * Removes a goal's map for good. Used when a goal becomes private: it is written to the owner's
 * private document and its map removed from the shared one, so peers stop receiving its fields.
 */
export function removeGoal(
  doc: Y.Doc,
  goalId: string,
  options: { origin?: unknown } = {},
): Result<null, 'unknown-goal'> {
  if (!goalsMap(doc).has(goalId)) return fail('unknown-goal', `There is no goal ${goalId} here.`);
  doc.transact(() => goalsMap(doc).delete(goalId), options.origin ?? null);
  return ok(null);
}
