import type { IsoDate } from '../model/ids.ts';
import type { Person } from '../model/org.ts';
import type { Goal } from '../model/performance.ts';
import type { CheckIn } from './check-in.ts';
import { indexCheckIns, seriesView, type CheckInIndex } from './check-in-index.ts';
import { formatEpochDay, parseIsoDay } from './day-math.ts';
import { compilePace } from './pace-curve.ts';
import type { PaceSettings } from './pace-settings.ts';
import {
  assessSeriesPace,
  lastIndexOnOrBefore,
  PACE_STATUS_RANK,
  shareOfValue,
  type PaceAssessment,
  type PaceStatus,
} from './pace.ts';
import { ALL_DAYS, compileCalendar } from './working-calendar.ts';
import { createZonedDayOf } from './zoned-day.ts';

/**
 * What a line manager sees first: each of their people's goals with its pace and a small chart,
 * people who need attention at the top. Built from the same pace maths as the reminders, so the
 * dashboard and the reminder list never disagree about who is behind.
 */

/** One point of a sparkline: progress share at a check-in. */
export interface SparkPoint {
  date: IsoDate;
  share: number;
}

/** One goal's row on the dashboard. */
export interface DashboardGoal {
  goalId: string;
  title: string;
  pace: PaceAssessment;
  sparkline: SparkPoint[];
  /** The goal's period, so a chart can keep its x axis to it (a check-in typed as 2020 stays off). */
  periodStart: IsoDate;
  periodEnd: IsoDate;
}

/** One person's block on the dashboard, goals ordered worst first. */
export interface DashboardPerson {
  personId: string;
  name: string;
  /** The worst pace status among the person's goals; `not-started` when they have none running. */
  worstStatus: PaceStatus;
  /** Goals that are off track or at risk. */
  needsAttention: number;
  /** The largest gap (points behind) among the person's goals; null when none is measured. */
  maxGapPoints: number | null;
  goals: DashboardGoal[];
}

/** Inputs of the dashboard. */
export interface TeamDashboardInput {
  now: Date;
  timeZone: string;
  managerId: string;
  people: readonly Person[];
  goals: readonly Goal[];
  checkIns: readonly CheckIn[] | CheckInIndex;
  pace: PaceSettings;
  /** How many latest check-ins each sparkline shows. Default 12. */
  sparklinePoints?: number;
}

function compareGoals(a: DashboardGoal, b: DashboardGoal): number {
  return (
    PACE_STATUS_RANK[a.pace.status] - PACE_STATUS_RANK[b.pace.status] ||
    (b.pace.gapPoints ?? -Infinity) - (a.pace.gapPoints ?? -Infinity) ||
    (a.goalId < b.goalId ? -1 : a.goalId > b.goalId ? 1 : 0)
  );
}

function comparePeople(a: DashboardPerson, b: DashboardPerson): number {
  return (
    PACE_STATUS_RANK[a.worstStatus] - PACE_STATUS_RANK[b.worstStatus] ||
    b.needsAttention - a.needsAttention ||
    (b.maxGapPoints ?? -Infinity) - (a.maxGapPoints ?? -Infinity) ||
    a.name.localeCompare(b.name) ||
    (a.personId < b.personId ? -1 : 1)
  );
}

/**
 * The dashboard of a manager's active direct reports and their active metric goals. Goals of
 * other kinds have no expected line and are left to the goal screens.
 */
export function buildTeamDashboard(input: TeamDashboardInput): DashboardPerson[] {
  const dayOf = createZonedDayOf(input.timeZone);
  const today = dayOf(input.now.getTime());
  const index = Array.isArray(input.checkIns)
    ? indexCheckIns(input.checkIns as readonly CheckIn[], input.timeZone)
    : (input.checkIns as CheckInIndex);
  const calendar = input.pace.calendar === null ? ALL_DAYS : compileCalendar(input.pace.calendar);
  const sparkCount = input.sparklinePoints ?? 12;
  const reports = input.people.filter(
    (p) => p.managerId === input.managerId && p.status === 'active',
  );
  const goalsByOwner = new Map<string, Goal[]>();
  for (const g of input.goals) {
    if (g.owner.kind !== 'person' || g.status !== 'active' || g.kind !== 'metric') continue;
    if (g.metric === null) continue;
    const list = goalsByOwner.get(g.owner.id);
    if (list) list.push(g);
    else goalsByOwner.set(g.owner.id, [g]);
  }

  const rows = reports.map((person): DashboardPerson => {
    const goals: DashboardGoal[] = [];
    for (const goal of goalsByOwner.get(person.id) ?? []) {
      const metric = goal.metric;
      const startDay = parseIsoDay(goal.periodStart);
      const endDay = parseIsoDay(goal.periodEnd);
      if (metric === null || Number.isNaN(startDay) || Number.isNaN(endDay)) continue;
      const view = seriesView(index, goal.id);
      const { from, to } = view;
      const compiled = compilePace(
        { startDay, endDay },
        input.pace.curves[goal.id] ?? null,
        calendar,
      );
      const slice = { days: view.days, values: view.values, from, to };
      const pace = assessSeriesPace(
        compiled,
        metric,
        today,
        slice,
        input.pace,
        input.pace.forecastWindow,
      );
      const last = lastIndexOnOrBefore(view.days, from, to, today);
      const sparkline: SparkPoint[] = [];
      for (let i = Math.max(from, last - sparkCount + 1); i <= last; i++) {
        const share = shareOfValue(metric, view.values[i] as number);
        if (!Number.isNaN(share))
          sparkline.push({ date: formatEpochDay(view.days[i] as number), share });
      }
      goals.push({
        goalId: goal.id,
        title: goal.title,
        pace,
        sparkline,
        periodStart: goal.periodStart,
        periodEnd: goal.periodEnd,
      });
    }
    goals.sort(compareGoals);
    const gaps = goals.map((g) => g.pace.gapPoints).filter((g): g is number => g !== null);
    return {
      personId: person.id,
      name: person.name,
      worstStatus: goals[0]?.pace.status ?? 'not-started',
      needsAttention: goals.filter(
        (g) => g.pace.status === 'off-track' || g.pace.status === 'at-risk',
      ).length,
      maxGapPoints: gaps.length > 0 ? Math.max(...gaps) : null,
      goals,
    };
  });
  return rows.sort(comparePeople);
}
