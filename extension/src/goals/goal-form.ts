import {
  checkSmart,
  moveGoal,
  orgOfGoalId,
  placeGoal,
  putGoal,
  readGoalDoc,
  removeGoal,
  updateGoal,
  validateGoal,
  wouldCreateCycle,
  type Directory,
  type Goal,
  type GoalIssue,
  type GoalPatch,
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

/** How the "Parent goal" text became a goal id, or why it did not. */
export type ParentResolution =
  | { kind: 'none' }
  | { kind: 'goal'; id: string }
  | { kind: 'id'; id: string }
  | { kind: 'no-match' | 'ambiguous'; text: string };

/**
 * Reads what was typed in "Parent goal": empty is a top goal, a goal's exact title (ignoring case
 * and outer spaces) or id is that goal, and a goal id of another organisation is kept so the check
 * can say so. Managers know goals by title, never by their generated ids.
 */
export function resolveParent(
  text: string,
  goals: readonly Goal[],
  selfId: string,
): ParentResolution {
  const typed = text.trim();
  if (typed === '') return { kind: 'none' };
  if (goals.some((g) => g.id === typed)) return { kind: 'goal', id: typed };
  const wanted = typed.toLowerCase();
  const named = goals.filter((g) => g.id !== selfId && g.title.trim().toLowerCase() === wanted);
  const only = named[0];
  if (only !== undefined && named.length === 1) return { kind: 'goal', id: only.id };
  if (named.length > 1) return { kind: 'ambiguous', text: typed };
  if (orgOfGoalId(typed) !== null) return { kind: 'id', id: typed };
  return { kind: 'no-match', text: typed };
}

/** What the "Parent goal" box shows for a stored parent id: its title when the goal is known. */
export function parentText(parentId: string, goals: readonly Goal[]): string {
  const goal = goals.find((g) => g.id === parentId.trim());
  if (goal === undefined) return parentId;
  // A title two goals share would not resolve back to this one: show the id instead.
  const same = goals.filter(
    (g) => g.title.trim().toLowerCase() === goal.title.trim().toLowerCase(),
  );
  return same.length === 1 ? goal.title : goal.id;
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
  const parent = resolveParent(draft.parentId, goals, draft.id);
  const parentId = parent.kind === 'goal' || parent.kind === 'id' ? parent.id : null;
  if (parent.kind === 'no-match' || parent.kind === 'ambiguous') {
    issues.push({
      code: 'parent-unknown',
      severity: 'error',
      goalId: draft.id,
      field: 'parentId',
      message:
        parent.kind === 'no-match'
          ? `No goal is called “${parent.text}”. Pick a goal from the list by its title, or leave the field empty for a top goal.`
          : `Several goals are called “${parent.text}”. Type the id of the one you mean (the list shows it next to the title).`,
    });
  }
  const input = {
    id: draft.id,
    title: draft.title.trim(),
    owner: { kind: draft.ownerKind, id: draft.ownerId },
    parentId,
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

/** The form field an issue is about: `metric.target` is the Target box, `owner.id` the owner. */
export function issueField(field: string | null): DraftField | null {
  if (field === null) return null;
  const owner: Record<string, DraftField> = { owner: 'ownerId', 'owner.id': 'ownerId' };
  return owner[field] ?? (field.replace(/^metric\./, '') as DraftField);
}

/**
 * The issues to show now: a field's issues once the user has touched that field or tried to
 * save, so a new form does not open with "title missing" before anything was typed. Issues about
 * the whole goal are always shown.
 */
export function visibleIssues<I extends Pick<GoalIssue, 'field'>>(
  issues: readonly I[],
  touched: ReadonlySet<string>,
  triedToSave: boolean,
): I[] {
  if (triedToSave) return [...issues];
  return issues.filter((i) => {
    const field = issueField(i.field);
    return field === null || touched.has(field);
  });
}

/** Where the panel can write: the open goal documents by name. */
export type OpenGoalDocs = ReadonlyMap<string, Y.Doc>;

/** Why a save did not happen. */
export type SaveFailure = 'placement' | 'not-open' | 'write' | 'conflict';

/** A form field the user can change (the id is fixed). */
export type DraftField = Exclude<keyof GoalDraft, 'id'>;

const METRIC_FIELDS = ['unit', 'start', 'target', 'current', 'direction'] as const;

/**
 * A field this form changed that someone else also changed since the form was opened: `theirs`
 * is their value as the form shows it. Such a field is not overwritten until the user says so.
 */
export interface GoalConflict {
  field: DraftField;
  theirs: string;
}

/** The fields that differ between two drafts (as the form shows them, so "1,5" equals "1.5"). */
export function changedFields(before: GoalDraft, after: GoalDraft): DraftField[] {
  return (Object.keys(before) as (keyof GoalDraft)[]).filter(
    (k): k is DraftField => k !== 'id' && before[k] !== after[k],
  );
}

/**
 * Applies only the `changed` fields of `mine` to `stored`: the patch for `updateGoal` (top-level
 * fields, and metric figures one by one so a concurrent change of another figure survives) and
 * the merged goal (for a save that moves the goal to another document).
 */
function changesOnto(
  stored: Goal,
  mine: Goal,
  changed: ReadonlySet<DraftField>,
): { patch: GoalPatch; merged: Goal } {
  const patch: GoalPatch = {};
  const simple = ['title', 'visibility', 'periodStart', 'periodEnd', 'weight', 'status', 'kind'];
  for (const f of simple as (keyof GoalPatch & DraftField)[]) {
    if (changed.has(f)) Object.assign(patch, { [f]: mine[f] });
  }
  if (changed.has('ownerKind') || changed.has('ownerId')) patch.owner = mine.owner;
  const metricChanged = METRIC_FIELDS.filter((f) => changed.has(f));
  let metric = stored.metric;
  if (metricChanged.length > 0 || (changed.has('kind') && mine.metric === null)) {
    if (mine.metric === null || stored.metric === null) {
      patch.metric = mine.metric;
      metric = mine.metric;
    } else {
      const figures: Record<string, unknown> = {};
      for (const f of metricChanged) figures[f] = mine.metric[f];
      patch.metric = figures;
      metric = { ...stored.metric, ...figures };
    }
  }
  const parentId = changed.has('parentId') ? mine.parentId : stored.parentId;
  const merged = { ...stored, ...patch, metric, parentId } as Goal;
  return { patch, merged };
}

/**
 * Saves a checked goal: to the document its visibility and owner call for. A goal that changes
 * document (made private, or given to another team) is written to the new one first and then
 * removed from the old one, so it is never lost and never left readable where it should not be.
 *
 * An existing goal is saved as a diff: only the fields that differ from `base` (the form as it
 * was opened) are written, so another manager's concurrent change of other fields survives, and
 * fields the form does not show (milestones, contributors) are never touched. A changed field that
 * someone else changed too since then is reported as a conflict (nothing is written) unless it is
 * listed in `overwrite`, i.e. the user has seen the other value and keeps theirs.
 */
export function saveGoal(input: {
  goal: Goal;
  org: string;
  directory: Pick<Directory, 'units' | 'people'>;
  docs: OpenGoalDocs;
  /** The document the goal is in now, or null for a new goal. */
  currentDoc: string | null;
  /** The form as it was opened; null for a new goal. */
  base: GoalDraft | null;
  /** Conflicting fields the user chose to overwrite with the form's value. */
  overwrite?: readonly DraftField[];
  now: number;
  origin: object;
}): Result<string, SaveFailure> {
  const { org, docs, currentDoc, now, origin } = input;
  let goal = input.goal;
  let patch: GoalPatch | null = null;
  let parentChanged = true;
  const old = currentDoc === null ? undefined : docs.get(currentDoc);
  if (currentDoc !== null && input.base !== null) {
    if (old === undefined) return fail('not-open', `${currentDoc} is not open in this panel.`);
    const stored = readGoalDoc(old, currentDoc).goals.find((s) => s.goal.id === goal.id)?.goal;
    if (stored === undefined)
      return fail('write', `Goal ${goal.id} is no longer in ${currentDoc}.`);
    const mine = draftOf(goal);
    const theirs = draftOf(stored);
    const changed = changedFields(input.base, mine);
    const conflicts: GoalConflict[] = changed
      .filter((f) => theirs[f] !== input.base?.[f] && theirs[f] !== mine[f])
      .filter((f) => !input.overwrite?.includes(f))
      .map((field) => ({ field, theirs: theirs[field] }));
    if (conflicts.length > 0) {
      return fail('conflict', 'Someone else changed these fields since the form was opened.', {
        conflicts,
      });
    }
    const applied = changesOnto(stored, goal, new Set(changed));
    goal = applied.merged;
    patch = applied.patch;
    parentChanged = changed.includes('parentId');
  }
  const placed = placeGoal(org, goal, input.directory);
  if (!placed.ok) return fail('placement', placed.message);
  const target = placed.value;
  const doc = docs.get(target.docName);
  if (doc === undefined) {
    return fail('not-open', `${target.docName} is not open in this panel (no access?).`);
  }
  if (currentDoc === target.docName && patch !== null) {
    const updated = updateGoal(doc, target, goal.id, patch, { origin });
    if (!updated.ok) return fail('write', updated.message);
    if (parentChanged) {
      const moved = moveGoal(doc, target, goal.id, goal.parentId, { now, origin });
      if (!moved.ok) return fail('write', moved.message);
    }
    return ok(target.docName);
  }
  const written = putGoal(doc, target, goal, { now, origin });
  if (!written.ok) return fail('write', written.message);
  if (old !== undefined && currentDoc !== target.docName) removeGoal(old, goal.id, { origin });
  return ok(target.docName);
}

/** The conflicts of a failed save, if that is why it failed. */
export function conflictsOf(failure: { reason: SaveFailure; details?: unknown }): GoalConflict[] {
  if (failure.reason !== 'conflict') return [];
  const details = failure.details as { conflicts?: GoalConflict[] } | undefined;
  return details?.conflicts ?? [];
}
