import { milestoneProgress } from '../goals/progress.ts';
import type { Goal } from '../model/performance.ts';
import type { Person } from '../model/org.ts';
import type { CheckIn } from './check-in.ts';
import { indexCheckIns, type CheckInIndex } from './check-in-index.ts';
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
 * - no-check-in: during the period, N days or more since the last check-in on the goal or its key
 *   results (counted from the period start when there is none). Low. Weekly bucket.
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

/** Everything the rules read. `checkIns` may be pre-indexed to share the work with a dashboard. */
export interface ReminderInput {
  now: Date;
  timeZone: string;
  people: readonly Pick<Person, 'id' | 'status'>[];
  /** Units whose own goals are evaluated too (the unit is then the reminder's subject). */
  units?: readonly string[];
  goals: readonly Goal[];
  checkIns: readonly CheckIn[] | CheckInIndex;
  coachingEntries: readonly CoachingEntry[];
  state: ReminderState;
  settings: ReminderSettings;
}

const NO_DAYS = new Int32Array(0);
const NO_NUMBERS = new Float64Array(0);

// Floating shares (0.7 - 0.5 = 0.19999999999999996) must not miss a threshold they meet on paper.
const EPSILON = 1e-9;

function isIndex(value: readonly CheckIn[] | CheckInIndex): value is CheckInIndex {
  return !Array.isArray(value);
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
  const index =
    isIndex(input.checkIns) && input.checkIns.timeZone === input.timeZone
      ? input.checkIns
      : indexCheckIns(isIndex(input.checkIns) ? [] : input.checkIns, input.timeZone);
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

  for (const goal of input.goals) {
    if (goal.status !== 'active') continue;
    const subject = goal.owner.id;
    if (goal.owner.kind === 'person' ? !active.has(subject) : !units.has(subject)) continue;
    const startDay = parseIsoDay(goal.periodStart);
    const endDay = parseIsoDay(goal.periodEnd);
    if (Number.isNaN(startDay) || Number.isNaN(endDay) || today < startDay) continue;
    // Read straight from the index's columns: no view object per goal (this loop runs 100k times).
    const ord = index.seriesOrdinal.get(goal.id);
    const block = index.blocks[ord === undefined ? 0 : (index.seriesBlock[ord] as number)];
    const days = block?.days ?? NO_DAYS;
    const values = block?.values ?? NO_NUMBERS;
    const confidence = block?.confidence ?? NO_NUMBERS;
    const from = ord === undefined ? 0 : (index.seriesFrom[ord] as number);
    const to = ord === undefined ? 0 : (index.seriesTo[ord] as number);
    const last = lastIndexOnOrBefore(days, from, to, today);
    const metric = goal.kind === 'metric' ? goal.metric : null;

    let share = NaN;
    if (metric !== null) {
      const value = last >= from ? (values[last] as number) : metric.current;
      if (value !== null) share = shareOfValue(metric, value);
    } else if (goal.kind === 'milestone') {
      share = milestoneProgress(goal.milestones).progress ?? NaN;
    }
    const reached = share >= 1 - EPSILON;
    const during = today <= endDay;

    if (behindOn && during && metric !== null && !Number.isNaN(share)) {
      const curve = curves.size === 0 ? null : (curves.get(goal.id) ?? null);
      const expected = expectedShare(compilePace({ startDay, endDay }, curve, calendar), today);
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
      let lastDay = last >= from ? (days[last] as number) : -Infinity;
      const krSeries = index.keyResultSeriesOfGoal.get(goal.id);
      if (krSeries !== undefined) {
        for (const k of krSeries) {
          const krDays = index.blocks[index.seriesBlock[k] as number]?.days ?? NO_DAYS;
          const krFrom = index.seriesFrom[k] as number;
          const i = lastIndexOnOrBefore(krDays, krFrom, index.seriesTo[k] as number, today);
          if (i >= krFrom && (krDays[i] as number) > lastDay) lastDay = krDays[i] as number;
        }
      }
      const since = today - Math.max(lastDay, startDay);
      if (since >= settings.noCheckInDays) {
        emit('no-check-in', subject, goal.id, 'low', week, {
          days: since,
          lastCheckIn: lastDay === -Infinity ? null : formatEpochDay(lastDay),
        });
      }
    }

    if (!reached && during && dueOn && endDay - today <= settings.dueWithinDays) {
      emit('due-soon', subject, goal.id, 'low', goal.periodEnd, { daysLeft: endDay - today });
    }
    if (!reached && !during && overdueOn) {
      emit('overdue', subject, goal.id, 'high', goal.periodEnd, { daysOver: today - endDay });
    }

    if (dropOn && last > from) {
      let later = last;
      while (later >= from && Number.isNaN(confidence[later] as number)) later--;
      let earlier = later - 1;
      while (earlier >= from && Number.isNaN(confidence[earlier] as number)) earlier--;
      if (earlier >= from) {
        const drop = (confidence[earlier] as number) - (confidence[later] as number);
        if (drop >= settings.confidenceDrop - EPSILON) {
          emit(
            'confidence-drop',
            subject,
            goal.id,
            'medium',
            formatEpochDay(days[later] as number),
            {
              from: confidence[earlier] as number,
              to: confidence[later] as number,
            },
          );
        }
      }
    }
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
