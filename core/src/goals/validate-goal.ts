import { Goal } from '../model/performance.ts';
import { findParentCycles } from './goal-tree.ts';
import { dayNumber } from './working-calendar.ts';
import { resolveWeights, type WeightIssueCode } from './weights.ts';

/**
 * Checking goals typed in a form or read from an import file. Every problem becomes a finding with
 * a reason code and a plain message, so an import report can list all of them at once instead of
 * stopping at the first, and a form can show each next to its field.
 */

/** What is wrong with a goal. */
export type GoalIssueCode =
  | 'invalid-field'
  | 'bad-date'
  | 'period-reversed'
  | 'target-equals-start'
  | 'direction-conflict'
  | 'parent-self'
  | 'parent-unknown'
  | 'parent-other-org'
  | 'parent-cycle'
  | 'duplicate-id'
  | WeightIssueCode;

/** One finding about a goal. Errors stop it being saved; warnings are shown and can be kept. */
export interface GoalIssue {
  code: GoalIssueCode;
  severity: 'error' | 'warning';
  goalId: string | null;
  /** The field it is about ("periodEnd", "metric.target", "weight"), or null for the whole goal. */
  field: string | null;
  message: string;
}

/** Where a goal is being validated: its organisation and the goals already there. */
export interface GoalValidationContext {
  orgId: string;
  /** The organisation's goals (the one being edited may be among them; it is replaced). */
  goals: readonly Goal[];
  /** Goal ids known in other organisations (id -> org id), so a cross-org parent is named as such. */
  goalOrgs?: ReadonlyMap<string, string>;
}

/** The goal as parsed (null when it could not be), and every finding about it. */
export interface GoalValidation {
  goal: Goal | null;
  issues: GoalIssue[];
}

function rawField(input: unknown, key: string): unknown {
  return typeof input === 'object' && input !== null
    ? (input as Record<string, unknown>)[key]
    : undefined;
}

/** Field-level checks that need no other goal: the schema, real dates, period order, the metric. */
function checkFields(input: unknown): GoalValidation {
  const issues: GoalIssue[] = [];
  const rawId = rawField(input, 'id');
  const goalId = typeof rawId === 'string' ? rawId : null;
  const push = (
    code: GoalIssueCode,
    severity: GoalIssue['severity'],
    field: string | null,
    message: string,
  ) => issues.push({ code, severity, goalId, field, message });

  const start = rawField(input, 'periodStart');
  const end = rawField(input, 'periodEnd');
  for (const [field, value] of [
    ['periodStart', start],
    ['periodEnd', end],
  ] as const) {
    if (
      typeof value === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(value) &&
      dayNumber(value) === null
    ) {
      push('bad-date', 'error', field, `${field} ${value} is not a real date.`);
    }
  }
  if (typeof start === 'string' && typeof end === 'string' && end < start) {
    push(
      'period-reversed',
      'error',
      'periodEnd',
      `The period ends (${end}) before it starts (${start}).`,
    );
  }

  const parsed = Goal.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.join('.') || null;
      // Our own period check above says this more precisely.
      if (issue.code === 'custom' && field === 'periodEnd') continue;
      if (field === 'weight' && issue.code === 'too_small') {
        push(
          'weight-negative',
          'error',
          field,
          `A weight cannot be negative (got ${String(rawField(input, 'weight'))}).`,
        );
        continue;
      }
      push('invalid-field', 'error', field, `${field ?? 'goal'}: ${issue.message}`);
    }
  }
  const goal = parsed.success && !issues.some((i) => i.severity === 'error') ? parsed.data : null;
  const metric = parsed.success ? parsed.data.metric : null;
  if (metric !== null) {
    if (metric.target === metric.start) {
      push(
        'target-equals-start',
        'warning',
        'metric.target',
        `Target equals start (${metric.target}): progress is then done-or-not. ` +
          'Right for "keep at this level"; otherwise set the level to reach.',
      );
    } else if (metric.target > metric.start !== (metric.direction === 'increase')) {
      push(
        'direction-conflict',
        'warning',
        'metric.direction',
        `The target (${metric.target}) is ${metric.target > metric.start ? 'above' : 'below'} the start ` +
          `(${metric.start}) but the measure is marked "${metric.direction}".`,
      );
    }
  }
  return { goal, issues };
}

/** Checks a goal's parent link against the goals of its organisation and the known others. */
function checkParent(
  goal: Goal,
  byId: ReadonlyMap<string, Goal>,
  context: GoalValidationContext,
): GoalIssue[] {
  const parentId = goal.parentId;
  if (parentId === null) return [];
  const issue = (code: GoalIssueCode, message: string): GoalIssue[] => [
    { code, severity: 'error', goalId: goal.id, field: 'parentId', message },
  ];
  if (parentId === goal.id)
    return issue('parent-self', `Goal ${goal.id} cannot be its own parent.`);
  if (byId.has(parentId)) return [];
  const otherOrg = context.goalOrgs?.get(parentId);
  if (otherOrg !== undefined && otherOrg !== context.orgId) {
    return issue(
      'parent-other-org',
      `Parent goal ${parentId} belongs to organisation ${otherOrg}, not ${context.orgId}; goals cannot cross organisations.`,
    );
  }
  return issue(
    'parent-unknown',
    `Parent goal ${parentId} does not exist in organisation ${context.orgId}.`,
  );
}

/** Checks each group of siblings' weights once, reporting on the group's first goal. */
function checkSiblingWeights(goals: readonly Goal[], only?: string | null): GoalIssue[] {
  const groups = new Map<string, Goal[]>();
  for (const g of goals) {
    if (g.status === 'archived') continue;
    const key = g.parentId ?? '';
    const group = groups.get(key);
    if (group) group.push(g);
    else groups.set(key, [g]);
  }
  const issues: GoalIssue[] = [];
  for (const [parentId, siblings] of groups) {
    if (only !== undefined && parentId !== (only ?? '')) continue;
    if (parentId === '' || siblings.every((g) => g.weight === null)) continue;
    const sorted = [...siblings].sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const w of resolveWeights(sorted.map((g) => g.weight)).issues) {
      issues.push({
        code: w.code,
        severity: w.severity,
        goalId: w.indexes.length === 1 ? (sorted[w.indexes[0] as number]?.id ?? null) : null,
        field: 'weight',
        message: `Goals under ${parentId} (${sorted.map((g) => g.id).join(', ')}): ${w.message}`,
      });
    }
  }
  return issues;
}

/**
 * Validates one goal typed or imported into an organisation: schema and field values, real dates,
 * period order, target vs start, its parent (missing, in another organisation, itself, or a link
 * that would close a loop), and the weights of its siblings including it.
 */
export function validateGoal(input: unknown, context: GoalValidationContext): GoalValidation {
  const checked = checkFields(input);
  const goal = checked.goal;
  if (goal === null) return checked;
  const others = context.goals.filter((g) => g.id !== goal.id);
  const all = [...others, goal];
  const byId = new Map(all.map((g) => [g.id, g]));
  const issues = [...checked.issues, ...checkParent(goal, byId, context)];
  if (goal.parentId !== null && goal.parentId !== goal.id && byId.has(goal.parentId)) {
    const cycle = findParentCycles(all).find((c) => c.includes(goal.id));
    if (cycle !== undefined) {
      issues.push({
        code: 'parent-cycle',
        severity: 'error',
        goalId: goal.id,
        field: 'parentId',
        message: `Putting ${goal.id} under ${goal.parentId} would make a loop (${[...cycle, cycle[0]].join(' -> ')}).`,
      });
    }
  }
  issues.push(...checkSiblingWeights(all, goal.parentId));
  return { goal: issues.some((i) => i.severity === 'error') ? null : goal, issues };
}

/**
 * Validates a whole imported goal set at once: each goal's fields, duplicate ids, parents (within
 * the set, or named as cross-organisation or unknown), loops among the set, and sibling weights per
 * parent (reported once per group). Goals with errors are left out of `goals`.
 */
export function validateGoalSet(
  inputs: readonly unknown[],
  context: Omit<GoalValidationContext, 'goals'> & { goals?: readonly Goal[] },
): { goals: Goal[]; issues: GoalIssue[] } {
  const issues: GoalIssue[] = [];
  const parsed: Goal[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    const checked = checkFields(input);
    issues.push(...checked.issues);
    if (checked.goal === null) continue;
    if (seen.has(checked.goal.id)) {
      issues.push({
        code: 'duplicate-id',
        severity: 'error',
        goalId: checked.goal.id,
        field: 'id',
        message: `Goal id ${checked.goal.id} appears more than once; only the first is kept.`,
      });
      continue;
    }
    seen.add(checked.goal.id);
    parsed.push(checked.goal);
  }
  const existing = (context.goals ?? []).filter((g) => !seen.has(g.id));
  const all = [...existing, ...parsed];
  const byId = new Map(all.map((g) => [g.id, g]));
  const bad = new Set<string>();
  for (const goal of parsed) {
    const found = checkParent(goal, byId, { ...context, goals: all });
    if (found.length > 0) bad.add(goal.id);
    issues.push(...found);
  }
  for (const cycle of findParentCycles(all)) {
    if (cycle.length === 1) continue; // already reported as parent-self
    for (const id of cycle.filter((c) => seen.has(c))) {
      bad.add(id);
      issues.push({
        code: 'parent-cycle',
        severity: 'error',
        goalId: id,
        field: 'parentId',
        message: `Parent links loop (${[...cycle, cycle[0]].join(' -> ')}).`,
      });
    }
  }
  issues.push(...checkSiblingWeights(all));
  return { goals: parsed.filter((g) => !bad.has(g.id)), issues };
}
