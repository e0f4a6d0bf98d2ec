import {
  checkSmart,
  moveGoal,
  orgOfGoalId,
  placeGoal,
  putGoal,
  removeGoal,
  updateGoal,
  validateGoal,
  wouldCreateCycle,
  type Directory,
  type Goal,
  type GoalIssue,
  type SmartFinding,
} from '../core-browser.ts';
import { fail, ok, type Result } from '../core-browser.ts';
import type * as Y from 'yjs';

/**
 * The goal editor's model: what the form holds (strings, as typed), how it becomes a goal, and how
 * a goal is saved to the right document. Kept apart from the component so the checks a manager sees
 * (a reversed period, a target equal to the start, weights that do not add up, a parent in another
 * organisation) are tested without a browser.
 */

/** The form's fields as typed. */
export interface GoalDraft {
  id: string;
  title: string;
  ownerKind: 'unit' | 'person';
  ownerId: string;
  visibility: 'public' | 'private';
  parentId: string;
  periodStart: string;
  periodEnd: string;
  weight: string;
  status: Goal['status'];
  kind: 'metric' | 'binary';
  unit: string;
  start: string;
  target: string;
  current: string;
  direction: 'increase' | 'decrease';
}

/** A form filled from a stored goal. */
export function draftOf(goal: Goal): GoalDraft {
  const m = goal.metric;
  return {
    id: goal.id,
    title: goal.title,
    ownerKind: goal.owner.kind,
    ownerId: goal.owner.id,
    visibility: goal.visibility,
    parentId: goal.parentId ?? '',
    periodStart: goal.periodStart,
    periodEnd: goal.periodEnd,
    weight: goal.weight === null ? '' : String(goal.weight),
    status: goal.status,
    kind: goal.kind === 'binary' ? 'binary' : 'metric',
    unit: m?.unit ?? '',
    start: m ? String(m.start) : '',
    target: m ? String(m.target) : '',
    current: m?.current === null || m === null ? '' : String(m.current),
    direction: m?.direction ?? 'increase',
  };
}

function number(text: string): number | null | 'bad' {
  const t = text.trim().replace(',', '.');
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : 'bad';
}

/** What the form shows under the fields. */
export interface DraftCheck {
  goal: Goal | null;
  issues: GoalIssue[];
  smart: SmartFinding[];
}

/**
 * Checks a draft against the organisation's goals: numbers that are not numbers, then core's goal
 * validation (period order, target vs start, parent unknown, in another organisation or closing a
 * loop, sibling weights), then SMART advice. Errors stop a save; warnings and advice do not.
 */
export function checkDraft(draft: GoalDraft, org: string, goals: readonly Goal[]): DraftCheck {
  const issues: GoalIssue[] = [];
  const numberField = (field: string, text: string): number | null => {
    const n = number(text);
    if (n === 'bad') {
      issues.push({
        code: 'invalid-field',
        severity: 'error',
        goalId: draft.id,
        field,
        message: `“${text}” is not a number.`,
      });
      return null;
    }
    return n;
  };
  const weight = numberField('weight', draft.weight);
  const start = numberField('metric.start', draft.start);
  const target = numberField('metric.target', draft.target);
  const current = numberField('metric.current', draft.current);
  const hasMetric = draft.kind === 'metric' && start !== null && target !== null;
  const input = {
    id: draft.id,
    title: draft.title.trim(),
    owner: { kind: draft.ownerKind, id: draft.ownerId },
    parentId: draft.parentId.trim() === '' ? null : draft.parentId.trim(),
    periodStart: draft.periodStart,
    periodEnd: draft.periodEnd,
    weight,
    status: draft.status,
    visibility: draft.visibility,
    kind: draft.kind,
    metric: hasMetric
      ? { unit: draft.unit, start, target, current, direction: draft.direction }
      : null,
  };
  const parentOrg = input.parentId === null ? null : orgOfGoalId(input.parentId);
  const goalOrgs = new Map<string, string>();
  if (input.parentId !== null && parentOrg !== null) goalOrgs.set(input.parentId, parentOrg);
  const checked = validateGoal(input, { orgId: org, goals, goalOrgs });
  issues.push(...checked.issues);
  if (
    checked.goal !== null &&
    input.parentId !== null &&
    !issues.some((i) => i.code === 'parent-cycle') &&
    wouldCreateCycle(goals, draft.id, input.parentId)
  ) {
    issues.push({
      code: 'parent-cycle',
      severity: 'error',
      goalId: draft.id,
      field: 'parentId',
      message: `Putting this goal under ${input.parentId} would make a loop.`,
    });
  }
  const smart = checkSmart({
    title: input.title,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    kind: input.kind,
    metric: input.metric as Goal['metric'],
    owner: input.owner.id ? input.owner : null,
  });
  const ok = !issues.some((i) => i.severity === 'error');
  return { goal: ok ? checked.goal : null, issues, smart };
}

/** Where the panel can write: the open goal documents by name. */
export type OpenGoalDocs = ReadonlyMap<string, Y.Doc>;

/** Why a save did not happen. */
export type SaveFailure = 'placement' | 'not-open' | 'write';

/**
 * Saves a checked goal: to the document its visibility and owner call for. A goal that changes
 * document (made private, or given to another team) is written to the new one first and then
 * removed from the old one, so it is never lost and never left readable where it should not be.
 */
export function saveGoal(input: {
  goal: Goal;
  org: string;
  directory: Pick<Directory, 'units' | 'people'>;
  docs: OpenGoalDocs;
  /** The document the goal is in now, or null for a new goal. */
  currentDoc: string | null;
  /** The parent stored now; a move is written only when it changes (moves order loop repairs). */
  currentParentId: string | null;
  now: number;
  origin: object;
}): Result<string, SaveFailure> {
  const { goal, org, docs, currentDoc, now, origin } = input;
  const placed = placeGoal(org, goal, input.directory);
  if (!placed.ok) return fail('placement', placed.message);
  const target = placed.value;
  const doc = docs.get(target.docName);
  if (doc === undefined) {
    return fail('not-open', `${target.docName} is not open in this panel (no access?).`);
  }
  if (currentDoc === target.docName) {
    const { id, parentId, metric, ...rest } = goal;
    const updated = updateGoal(doc, target, id, { ...rest, metric }, { origin });
    if (!updated.ok) return fail('write', updated.message);
    if (parentId !== input.currentParentId) {
      const moved = moveGoal(doc, target, id, parentId, { now, origin });
      if (!moved.ok) return fail('write', moved.message);
    }
    return ok(target.docName);
  }
  const written = putGoal(doc, target, goal, { now, origin });
  if (!written.ok) return fail('write', written.message);
  const old = currentDoc === null ? undefined : docs.get(currentDoc);
  if (old !== undefined) removeGoal(old, goal.id, { origin });
  return ok(target.docName);
}
