import * as Y from 'yjs';
import { CheckIn, CheckInValue } from '../coaching/check-in.ts';
import { parseInstantMs, parseIsoDay } from '../coaching/day-math.ts';
import { shareOfValue } from '../coaching/pace.ts';
import { Metric } from '../model/performance.ts';
import { createZonedDayOf } from '../coaching/zoned-day.ts';
import { fail, ok, type Result } from '../model/result.ts';
import type { CheckInImportPlan } from '../import/check-ins-plan.ts';
import { sameJson } from './apply-import.ts';
import type { InvalidEntry } from './directory.ts';
import { goalsMap, GOAL_META_FIELDS, putGoal, type GoalDocTarget } from './goal-docs.ts';

/**
 * Check-ins in Yjs. They live in the document that holds their goal, so they are seen by exactly
 * the people who see the goal: `org/{org}/team/{unit}` for public goals (unit members and the
 * chain write, HR reads) and `org/{org}/person/{p}/private` for private ones (p and the chain).
 * The top-level `checkIns` Y.Map holds id -> plain CheckIn JSON; a check-in is written whole and
 * never edited in place, so concurrent check-ins by a person and their manager never conflict.
 */

/** Top-level type names a goal document gains for check-ins. */
export const CHECK_IN_MAPS = { checkIns: 'checkIns' } as const;

/** Why a check-in was not written. The form keeps what was typed whatever the reason. */
export type CheckInWriteFailure =
  | 'value-not-a-number'
  | 'invalid-check-in'
  | 'far-future'
  | 'before-period'
  | 'value-out-of-range'
  | 'goal-not-found'
  | 'goal-deleted';

/** The check-in map of a document. */
export function checkInsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(CHECK_IN_MAPS.checkIns);
}

/** Every valid check-in of a document; entries that fail the schema are listed, never thrown. */
export function readCheckIns(doc: Y.Doc): { checkIns: CheckIn[]; invalid: InvalidEntry[] } {
  const checkIns: CheckIn[] = [];
  const invalid: InvalidEntry[] = [];
  checkInsMap(doc).forEach((raw, key) => {
    const parsed = CheckIn.safeParse(raw);
    if (parsed.success) checkIns.push(parsed.data);
    else {
      const issue = parsed.error.issues[0];
      invalid.push({
        map: CHECK_IN_MAPS.checkIns,
        key,
        message: `${issue?.path.join('.') || 'check-in'}: ${issue?.message ?? 'invalid'}`,
      });
    }
  });
  return { checkIns, invalid };
}

/** Whether a goal of the document exists, and whether it was deleted (goals are soft-deleted). */
export function goalState(doc: Y.Doc, goalId: string): 'live' | 'deleted' | 'missing' {
  const map = goalsMap(doc).get(goalId);
  if (!(map instanceof Y.Map)) return 'missing';
  return map.get(GOAL_META_FIELDS.deleted) === true ? 'deleted' : 'live';
}

/** What `recordCheckIn` needs to judge a check-in: today, the zone, and the user's answers. */
export interface CheckInContext {
  now: Date;
  timeZone: string;
  /** Days after today before a date counts as a typo. Default 1. */
  futureToleranceDays?: number;
  /** The person confirmed a date beyond the tolerance ("yes, I mean 2031"). */
  confirmFuture?: boolean;
  /** Days before the goal's period start before a date counts as a typo. Default 31. */
  pastToleranceDays?: number;
  /** The person confirmed a date long before the goal's period ("a baseline from 2020"). */
  confirmBeforePeriod?: boolean;
  /** The person confirmed a value far outside start..target (progress below -100% or over 300%). */
  confirmOutOfRange?: boolean;
}

/** Progress shares a value may reach before it is asked about: -100% .. 300% of start..target. */
export const CHECK_IN_SHARE_RANGE = { min: -1, max: 3 } as const;

function storedField(doc: Y.Doc, goalId: string, key: string): unknown {
  const map = goalsMap(doc).get(goalId);
  if (!(map instanceof Y.Map)) return undefined;
  const value = map.get(key);
  return value instanceof Y.Map ? value.toJSON() : value;
}

/**
 * Writes a check-in after checking it: the value must be a number, the date not far in the
 * future nor long before the goal's period, the value not far outside the metric's start..target
 * (each unless confirmed), and the goal (and key result) must still exist and not be deleted,
 * since another client may have deleted it while the form was open. Every refusal says what to do;
 * nothing is written on a refusal, so the caller keeps the draft on screen.
 */
export function recordCheckIn(
  doc: Y.Doc,
  input: unknown,
  ctx: CheckInContext,
): Result<CheckIn, CheckInWriteFailure> {
  const rawValue =
    typeof input === 'object' && input !== null ? (input as { value?: unknown }).value : undefined;
  const value = CheckInValue.safeParse(rawValue);
  if (!value.success) {
    return fail(
      'value-not-a-number',
      value.error.issues[0]?.message ?? 'a check-in value must be a number',
    );
  }
  if (!Number.isFinite(value.data)) {
    return fail(
      'value-not-a-number',
      `a check-in value must be a finite number, got ${value.data}`,
    );
  }
  const parsed = CheckIn.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(
      'invalid-check-in',
      `${issue?.path.join('.') || 'check-in'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const checkIn = parsed.data;
  const ms = parseInstantMs(checkIn.at);
  if (Number.isNaN(ms)) {
    return fail('invalid-check-in', 'at: not an ISO date-time with an offset');
  }
  const dayOf = createZonedDayOf(ctx.timeZone);
  const ahead = dayOf(ms) - dayOf(ctx.now.getTime());
  const tolerance = ctx.futureToleranceDays ?? 1;
  if (ahead > tolerance && !ctx.confirmFuture) {
    return fail(
      'far-future',
      `the date is ${ahead} days after today; check the year, or confirm that this is intended`,
      { daysAhead: ahead },
    );
  }
  for (const id of [checkIn.goalId, checkIn.keyResultId]) {
    if (id === null) continue;
    const state = goalState(doc, id);
    if (state === 'missing') {
      return fail('goal-not-found', `the goal ${id} is not in this document (it may have moved)`);
    }
    if (state === 'deleted') {
      return fail(
        'goal-deleted',
        `the goal was deleted on another device while you were typing; your value is still in ` +
          `the form: restore the goal or record the value on another goal`,
        { goalId: id },
      );
    }
  }
  // The key result's own period and metric when it has them, else the goal's.
  const measured = checkIn.keyResultId ?? checkIn.goalId;
  const periodStart =
    storedField(doc, measured, 'periodStart') ?? storedField(doc, checkIn.goalId, 'periodStart');
  const startDay = typeof periodStart === 'string' ? parseIsoDay(periodStart) : NaN;
  const before = startDay - dayOf(ms);
  if (before > (ctx.pastToleranceDays ?? 31) && !ctx.confirmBeforePeriod) {
    return fail(
      'before-period',
      `the date is ${before} days before the goal's period starts (${String(periodStart)}); ` +
        `check the year, or confirm that this is intended`,
      { daysBefore: before, periodStart },
    );
  }
  const metric = Metric.safeParse(storedField(doc, measured, 'metric'));
  if (metric.success && metric.data.start !== metric.data.target && !ctx.confirmOutOfRange) {
    const share = shareOfValue(metric.data, checkIn.value);
    if (share < CHECK_IN_SHARE_RANGE.min || share > CHECK_IN_SHARE_RANGE.max) {
      const percent = Math.round(share * 100);
      return fail(
        'value-out-of-range',
        `${checkIn.value} would be ${percent}% progress from ${metric.data.start} to ` +
          `${metric.data.target}; check the value, or confirm that this is intended`,
        { percent, start: metric.data.start, target: metric.data.target },
      );
    }
  }
  checkInsMap(doc).set(checkIn.id, { ...checkIn });
  return ok(checkIn);
}

/** A check-in whose goal is gone, kept (nothing is lost) and shown so someone can act on it. */
export interface OrphanedCheckIn {
  checkIn: CheckIn;
  reason: 'goal-deleted' | 'goal-not-found';
  message: string;
}

/**
 * Check-ins written for a goal that another client deleted at the same time (both edits merge,
 * so the check-in arrives for a deleted goal). They stay in the document and are listed here, so
 * the screen can offer to restore the goal or move the value; pace ignores deleted goals.
 */
export function orphanedCheckIns(doc: Y.Doc, checkIns: readonly CheckIn[]): OrphanedCheckIn[] {
  const out: OrphanedCheckIn[] = [];
  for (const c of checkIns) {
    const state = goalState(doc, c.keyResultId ?? c.goalId);
    if (state === 'live') continue;
    out.push({
      checkIn: c,
      reason: state === 'deleted' ? 'goal-deleted' : 'goal-not-found',
      message:
        state === 'deleted'
          ? `value ${c.value} of ${c.at.slice(0, 10)} belongs to a goal that was deleted; it is kept`
          : `value ${c.value} of ${c.at.slice(0, 10)} belongs to goal ${c.goalId}, not in this document`,
    });
  }
  return out;
}

/** Moves a kept check-in to another (live) goal of the same document, in one transaction. */
export function reassignCheckIn(
  doc: Y.Doc,
  checkInId: string,
  goalId: string,
): Result<CheckIn, 'unknown-check-in' | 'goal-not-found' | 'goal-deleted'> {
  const current = CheckIn.safeParse(checkInsMap(doc).get(checkInId));
  if (!current.success) return fail('unknown-check-in', `no check-in ${checkInId}`);
  const state = goalState(doc, goalId);
  if (state !== 'live') {
    return fail(
      state === 'deleted' ? 'goal-deleted' : 'goal-not-found',
      `goal ${goalId} is ${state}`,
    );
  }
  const next = { ...current.data, goalId, keyResultId: null };
  checkInsMap(doc).set(checkInId, next);
  return ok(next);
}

/**
 * Writes an import plan into a goal document: the series' goals that are not there yet (when the
 * file had targets) and every check-in, keyed by its derived id so a re-import replaces rather
 * than duplicates. A check-in already stored with the same content is not written again, so a
 * repeated import sends no update to anyone. One transaction, so other clients see the whole
 * import or none of it.
 */
export function applyCheckInImport(
  doc: Y.Doc,
  target: GoalDocTarget,
  plan: CheckInImportPlan,
  options: { now: number },
): { goalsCreated: number; checkIns: number; skipped: string[] } {
  let goalsCreated = 0;
  let written = 0;
  const skipped: string[] = [];
  doc.transact(() => {
    const live = new Set<string>();
    for (const series of plan.series) {
      const state = goalState(doc, series.goalId);
      if (state === 'live') live.add(series.goalId);
      else if (state === 'missing' && series.goal !== null) {
        const put = putGoal(doc, target, series.goal, { now: options.now });
        if (put.ok) {
          goalsCreated++;
          live.add(series.goalId);
        } else skipped.push(`${series.goalId}: ${put.message}`);
      } else skipped.push(`${series.goalId}: the goal is ${state}`);
    }
    const map = checkInsMap(doc);
    for (const c of plan.checkIns) {
      if (!live.has(c.goalId)) continue;
      // Stored as JSON: compare what would be stored, not the object with its undefined fields.
      const value = JSON.parse(JSON.stringify(c)) as unknown;
      if (sameJson(map.get(c.id), value)) continue;
      map.set(c.id, value);
      written++;
    }
  });
  return { goalsCreated, checkIns: written, skipped };
}
