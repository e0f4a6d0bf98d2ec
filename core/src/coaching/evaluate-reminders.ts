import { milestoneProgress } from '../goals/progress.ts';
import type { Goal } from '../model/performance.ts';
import type { Person } from '../model/org.ts';
import type { CheckIn } from './check-in.ts';
import { indexCheckIns, type CheckInIndex, type ColumnBlock } from './check-in-index.ts';
import { seriesFactsAt, type CheckInSummary, type SeriesFacts } from './check-in-summary.ts';
import type { CoachingEntry } from './coaching-entry.ts';
import { formatEpochDay, mondayOnOrBefore, parseIsoDay } from './day-math.ts';
import { compilePace, expectedShare } from './pace-curve.ts';
import { lastIndexOnOrBefore, shareOfValue } from './pace.ts';
import {
  reminderKey,
  reminderStreamKey,
  SEVERITY_RANK,
  type Reminder,
  type ReminderRule,
  type ReminderSettings,
  type ReminderState,
  type Severity,
} from './reminder.ts';
import { compileCalendar, ALL_DAYS } from './working-calendar.ts';
import { createZonedDayOf } from './zoned-day.ts';

/**
 * The reminder rules, evaluated for a whole organisation in one pass. Deterministic: the same
 * inputs give the same reminders in the same order, with the same keys, on every device, which is
 * what lets a reminder handled on a laptop stay handled in the side panel.
 *
 * Rules (thresholds from `ReminderSettings`):
 * - behind-pace: during the period, progress at least N points behind the expected line.
 *   Medium; high from twice N. Weekly bucket.
 * - no-check-in: during the period, N days or more since the latest of the period start, the
 *   goal's creation (`createdAt`, when stored) and the last check-in on the goal or its key
 *   results, so a goal made a minute ago is not "silent for 337 days". Low. Weekly bucket.
 * - due-soon: the period ends within N days and the target is not reached. Low. Bucket: end date.
 * - overdue: the period has ended, the goal is still active and the target is not reached. High.
 *   Bucket: end date.
 * - confidence-drop: the last two check-ins that carry a confidence fell by N or more. Medium.
 *   Bucket: the day of the later check-in.
 * - follow-up-due: a coaching entry's follow-up date has come and no later entry about the same
 *   person exists. Medium. Bucket: the follow-up date.
 * Only active goals owned by active people are looked at. Unit goals have no single person to
 * remind about; they are evaluated only for the units listed in `units` (a team lead watching
 * factory lines), with the unit as the subject.
 */

/**
 * Everything the rules read. `checkIns` may be pre-indexed to share the work with a dashboard, or
 * a summary (`summarizeCheckIns`), which holds a few numbers per series instead of every check-in.
 */
export interface ReminderInput {
  now: Date;
  timeZone: string;
  people: readonly Pick<Person, 'id' | 'status'>[];
  /** Units whose own goals are evaluated too (the unit is then the reminder's subject). */
  units?: readonly string[];
  goals: readonly Goal[];
  checkIns: readonly CheckIn[] | CheckInIndex | CheckInSummary;
  /**
   * With a summary: the full check-ins of the series it cannot answer for today (more than
   * `SUMMARY_TAIL` of their check-ins are dated after it). Called at most once; without it such a
   * case is a RangeError naming the series.
   */
  fullCheckIns?: (seriesKeys: readonly string[]) => CheckInIndex;
  coachingEntries: readonly CoachingEntry[];
  state: ReminderState;
  settings: ReminderSettings;
}

const NO_DAYS = new Int32Array(0);

// Floating shares (0.7 - 0.5 = 0.19999999999999996) must not miss a threshold they meet on paper.
const EPSILON = 1e-9;

type CheckInSource = readonly CheckIn[] | CheckInIndex | CheckInSummary;

function isIndex(value: CheckInSource): value is CheckInIndex {
  return !Array.isArray(value) && 'blocks' in value;
}

function isSummary(value: CheckInSource): value is CheckInSummary {
  return !Array.isArray(value) && 'slotMs' in value;
}

function clearFacts(out: SeriesFacts): void {
  out.lastDay = -Infinity;
  out.lastValue = NaN;
  out.confidenceLater = NaN;
  out.confidenceLaterDay = NaN;
  out.confidenceEarlier = NaN;
}

// The facts of a goal's series read from an index; returns the day of the last check-in on the
// goal or any of its key results (-Infinity when none), for the no-check-in rule.
function indexFacts(index: CheckInIndex, goalId: string, today: number, out: SeriesFacts): number {
  clearFacts(out);
  const ord = index.seriesOrdinal.get(goalId);
  let lastAny = -Infinity;
  if (ord !== undefined) {
    const block = index.blocks[index.seriesBlock[ord] as number] as ColumnBlock;
    const { days, values, confidence } = block;
    const from = index.seriesFrom[ord] as number;
    const last = lastIndexOnOrBefore(days, from, index.seriesTo[ord] as number, today);
    if (last >= from) {
      out.lastDay = days[last] as number;
      out.lastValue = values[last] as number;
      lastAny = out.lastDay;
    }
    let later = last;
    while (later >= from && Number.isNaN(confidence[later] as number)) later--;
    let earlier = later - 1;
    while (earlier >= from && Number.isNaN(confidence[earlier] as number)) earlier--;
    if (earlier >= from) {
      out.confidenceLater = confidence[later] as number;
      out.confidenceLaterDay = days[later] as number;
      out.confidenceEarlier = confidence[earlier] as number;
    }
  }
  const krSeries = index.keyResultSeriesOfGoal.get(goalId);
  if (krSeries !== undefined) {
    for (const k of krSeries) {
      const krDays = index.blocks[index.seriesBlock[k] as number]?.days ?? NO_DAYS;
      const krFrom = index.seriesFrom[k] as number;
      const i = lastIndexOnOrBefore(krDays, krFrom, index.seriesTo[k] as number, today);
      if (i >= krFrom && (krDays[i] as number) > lastAny) lastAny = krDays[i] as number;
    }
  }
  return lastAny;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Evaluates every rule and returns the reminders left after done, handled and snoozed ones. */
export function evaluateReminders(input: ReminderInput): Reminder[] {
  const { settings, state } = input;
  const dayOf = createZonedDayOf(input.timeZone);
  const today = dayOf(input.now.getTime());
  const week = formatEpochDay(mondayOnOrBefore(today));
  const enabled = (rule: ReminderRule): boolean => !settings.disabledRules.includes(rule);
  const active = new Set<string>();
  for (const p of input.people) if (p.status === 'active') active.add(p.id);
  const units = new Set<string>(input.units ?? []);
  const suppressed = new Set<string>(state.handledKeys);
  for (const key of Object.keys(state.done)) suppressed.add(key);
  const snoozed = new Map<string, number>();
  for (const [key, until] of Object.entries(state.snoozedUntil))
    snoozed.set(key, parseIsoDay(until));

  const out: Reminder[] = [];
  // Two coaching entries can ask for the same follow-up: one reminder, not two with one key. The
  // goal rules emit each key once by construction (one goal, one rule, one bucket), so only
  // follow-ups are checked; empty sets are skipped, since hashing 100k fresh keys is not free.
  const emitted = new Set<string>();
  const emit = (
    rule: ReminderRule,
    subjectId: string,
    goalId: string | null,
    severity: Severity,
    bucket: string,
    params: Reminder['params'],
  ): void => {
    const key = reminderKey(rule, subjectId, goalId, bucket);
    if (suppressed.size > 0 && suppressed.has(key)) return;
    if (rule === 'follow-up-due') {
      if (emitted.has(key)) return;
      emitted.add(key);
    }
    const streamKey = reminderStreamKey(rule, subjectId, goalId);
    const until = snoozed.size === 0 ? undefined : snoozed.get(streamKey);
    if (until !== undefined && today < until) return;
    out.push({ rule, subjectId, goalId, severity, bucket, key, streamKey, params });
  };

  const pace = settings.pace;
  // A Map, not the settings object: looking up 100k ids that are absent from a plain object costs
  // a string-table probe each, which showed as a quarter of the evaluation time.
  const curves = new Map(Object.entries(pace.curves));
  const calendar = pace.calendar === null ? ALL_DAYS : compileCalendar(pace.calendar);
  const behindOn = enabled('behind-pace');
  const silentOn = enabled('no-check-in');
  const dueOn = enabled('due-soon');
  const overdueOn = enabled('overdue');
  const dropOn = enabled('confidence-drop');

  const facts: SeriesFacts = {
    lastDay: -Infinity,
    lastValue: NaN,
    confidenceLater: NaN,
    confidenceLaterDay: NaN,
    confidenceEarlier: NaN,
  };
  const summary = isSummary(input.checkIns) ? input.checkIns : null;
  if (summary !== null && summary.timeZone !== input.timeZone) {
    throw new RangeError(
      `a check-in summary in ${summary.timeZone} cannot be read in ${input.timeZone}`,
    );
  }
  const index =
    summary !== null
      ? null
      : isIndex(input.checkIns) && input.checkIns.timeZone === input.timeZone
        ? input.checkIns
        : indexCheckIns(Array.isArray(input.checkIns) ? input.checkIns : [], input.timeZone);
  const expectedByPeriod = new Map<number, number>();
  // Goals the summary cannot answer for today (many check-ins dated after it): read in full.
  const unanswered: Goal[] = [];

  const goalRules = (goal: Goal, startDay: number, endDay: number, lastAny: number): void => {
    const subject = goal.owner.id;
    const metric = goal.kind === 'metric' ? goal.metric : null;
    let share = NaN;
    if (metric !== null) {
      const value = facts.lastDay !== -Infinity ? facts.lastValue : metric.current;
      if (value !== null) share = shareOfValue(metric, value);
    } else if (goal.kind === 'milestone') {
      share = milestoneProgress(goal.milestones).progress ?? NaN;
    }
    const reached = share >= 1 - EPSILON;
    const during = today <= endDay;

    if (behindOn && during && metric !== null && !Number.isNaN(share)) {
      const curve = curves.size === 0 ? null : (curves.get(goal.id) ?? null);
      let expected: number;
      if (curve === null) {
        // Goals without a curve of their own share a few periods: one line per period, not goal.
        const periodKey = startDay * 1_000_000 + endDay;
        const known = expectedByPeriod.get(periodKey);
        expected = known ?? expectedShare(compilePace({ startDay, endDay }, null, calendar), today);
        if (known === undefined) expectedByPeriod.set(periodKey, expected);
      } else {
        expected = expectedShare(compilePace({ startDay, endDay }, curve, calendar), today);
      }
      const gap = (expected - share) * 100;
      if (gap >= settings.behindPacePoints - EPSILON) {
        const severity = gap >= 2 * settings.behindPacePoints - EPSILON ? 'high' : 'medium';
        emit('behind-pace', subject, goal.id, severity, week, {
          gapPoints: round1(gap),
          expectedPercent: round1(expected * 100),
          actualPercent: round1(share * 100),
        });
      }
    }

    if (silentOn && during) {
      const created = goal.createdAt === undefined ? -Infinity : dayOf(goal.createdAt);
      const since = today - Math.max(lastAny, startDay, created);
      if (since >= settings.noCheckInDays) {
        emit('no-check-in', subject, goal.id, 'low', week, {
          days: since,
          lastCheckIn: lastAny === -Infinity ? null : formatEpochDay(lastAny),
        });
      }
    }

    if (!reached && during && dueOn && endDay - today <= settings.dueWithinDays) {
      emit('due-soon', subject, goal.id, 'low', goal.periodEnd, { daysLeft: endDay - today });
    }
    if (!reached && !during && overdueOn) {
      emit('overdue', subject, goal.id, 'high', goal.periodEnd, { daysOver: today - endDay });
    }

    if (dropOn && !Number.isNaN(facts.confidenceEarlier)) {
      const drop = facts.confidenceEarlier - facts.confidenceLater;
      if (drop >= settings.confidenceDrop - EPSILON) {
        emit(
          'confidence-drop',
          subject,
          goal.id,
          'medium',
          formatEpochDay(facts.confidenceLaterDay),
          { from: facts.confidenceEarlier, to: facts.confidenceLater },
        );
      }
    }
  };

  const evaluateGoals = (goals: readonly Goal[], from: CheckInIndex | CheckInSummary): void => {
    for (const goal of goals) {
      if (goal.status !== 'active') continue;
      const subject = goal.owner.id;
      if (goal.owner.kind === 'person' ? !active.has(subject) : !units.has(subject)) continue;
      const startDay = parseIsoDay(goal.periodStart);
      const endDay = parseIsoDay(goal.periodEnd);
      if (Number.isNaN(startDay) || Number.isNaN(endDay) || today < startDay) continue;
      let lastAny: number;
      if (isSummary(from)) {
        const ord = from.seriesOrdinal.get(goal.id);
        if (ord === undefined) clearFacts(facts);
        else if (!seriesFactsAt(from, ord, today, facts)) {
          unanswered.push(goal);
          continue;
        }
        lastAny = facts.lastDay;
        const krSeries = from.keyResultSeriesOfGoal.get(goal.id);
        if (krSeries !== undefined) {
          // The goal's own facts are needed below, so key results go through a second record.
          let known = true;
          for (const k of krSeries) {
            known = seriesFactsAt(from, k, today, krFacts) && known;
            if (krFacts.lastDay > lastAny) lastAny = krFacts.lastDay;
          }
          if (!known) {
            unanswered.push(goal);
            continue;
          }
        }
      } else {
        lastAny = indexFacts(from, goal.id, today, facts);
      }
      goalRules(goal, startDay, endDay, lastAny);
    }
  };

  const krFacts: SeriesFacts = { ...facts };
  if (summary !== null) {
    evaluateGoals(input.goals, summary);
    if (unanswered.length > 0) {
      const keys: string[] = [];
      for (const g of unanswered) {
        keys.push(g.id);
        for (const k of summary.keyResultSeriesOfGoal.get(g.id) ?? []) {
          keys.push(summary.seriesKeys[k] as string);
        }
      }
      if (input.fullCheckIns === undefined) {
        throw new RangeError(
          `the check-in summary cannot answer for ${formatEpochDay(today)} on ${keys.length} ` +
            `series (first: ${keys[0]}); pass fullCheckIns to read them in full`,
        );
      }
      const full = input.fullCheckIns(keys);
      const goals = unanswered.splice(0);
      evaluateGoals(goals, full);
    }
  } else if (index !== null) {
    evaluateGoals(input.goals, index);
  }

  if (enabled('follow-up-due')) evaluateFollowUps(input.coachingEntries, today, active, emit);

  out.sort((a, b) => {
    const bySeverity = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
    if (bySeverity !== 0) return bySeverity;
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
  return out;
}

type Emit = (
  rule: ReminderRule,
  subjectId: string,
  goalId: string | null,
  severity: Severity,
  bucket: string,
  params: Reminder['params'],
) => void;

// A follow-up is due once its date has come, unless a later conversation about the same person
// already happened (the follow-up took place, just not logged as such).
function evaluateFollowUps(
  entries: readonly CoachingEntry[],
  today: number,
  active: ReadonlySet<string>,
  emit: Emit,
): void {
  const latestByPerson = new Map<string, number>();
  for (const e of entries) {
    const d = parseIsoDay(e.date);
    if (d > (latestByPerson.get(e.personId) ?? -Infinity)) latestByPerson.set(e.personId, d);
  }
  for (const e of entries) {
    if (e.followUpOn === null || !active.has(e.personId)) continue;
    const due = parseIsoDay(e.followUpOn);
    if (Number.isNaN(due) || due > today) continue;
    if ((latestByPerson.get(e.personId) ?? -Infinity) >= due) continue;
    emit('follow-up-due', e.personId, e.goalIds[0] ?? null, 'medium', e.followUpOn, {
      entryId: e.id,
      daysLate: today - due,
    });
  }
}
