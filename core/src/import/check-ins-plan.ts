import { CheckIn } from '../coaching/check-in.ts';
import { parseIsoDay } from '../coaching/day-math.ts';
import type { PaceCurve } from '../coaching/pace-curve.ts';
import { createZonedDayOf } from '../coaching/zoned-day.ts';
import { slugify, type IsoDate } from '../model/ids.ts';
import { Goal } from '../model/performance.ts';
import type { CheckInImportProfile } from './check-ins-profile.ts';
import { readCheckInRows, type CheckInRowDraft, type KnownPerson } from './check-ins-rows.ts';
import type { RowIssue, Table, TableFailure, TableSource } from './table.ts';

/** The figures checked first after an import of actuals (or a dry run). */
export interface CheckInImportCounts {
  /** Data rows read (in a wide sheet: subject rows), rejected ones included. */
  rows: number;
  /** Values read (in a wide sheet one row holds many). */
  values: number;
  rejectedRows: number;
  subjects: number;
  series: number;
  checkIns: number;
}

/** The line-by-line report, success or not; same rules as the people import's report. */
export interface CheckInImportReport {
  profile: string;
  source: TableSource | null;
  counts: CheckInImportCounts;
  rejected: RowIssue[];
  repaired: RowIssue[];
}

/** One subject's series of one metric, with the goal it would measure. */
export interface ImportedSeries {
  goalId: string;
  subject: { kind: 'person' | 'unit'; id: string; name: string };
  metric: { name: string; unit: string };
  /** Per date, combined: the amount (or level) and the target, as in the file. */
  points: { date: IsoDate; value: number; target: number | null }[];
  /** A goal over the file's period when the file has targets; null when it has none. */
  goal: Goal | null;
  /** The expected line from the planned running total (accumulating profiles with targets). */
  curve: PaceCurve | null;
}

/** Everything the import would write. */
export interface CheckInImportPlan {
  series: ImportedSeries[];
  checkIns: CheckIn[];
}

/** Why an import of actuals as a whole cannot go ahead. */
export type CheckInImportFailure =
  | TableFailure
  | 'unknown-profile'
  | 'invalid-profile'
  | 'missing-column'
  | 'invalid-header'
  | 'validation-failed';

/** The answer of `planCheckInImport` / `runCheckInImport`; a failure still carries the report. */
export type CheckInImportOutcome =
  | { ok: true; dryRun: boolean; plan: CheckInImportPlan; report: CheckInImportReport }
  | { ok: false; reason: CheckInImportFailure; message: string; report: CheckInImportReport };

/** Options of `planCheckInImport`. */
export interface PlanCheckInImportOptions {
  /** The organisation's zone: a dated figure becomes a check-in at noon of that day there. */
  timeZone: string;
  /** Who imports; the author of every check-in. */
  authorId: string;
  /** Today, to refuse figures dated more than `futureToleranceDays` ahead (a typo in the year). */
  now?: Date;
  futureToleranceDays?: number;
  /** People already in the directory, matched by external id, then by name (ignoring case). */
  knownPeople?: readonly KnownPerson[];
  /** Units already in the directory, matched by the derived id, then by name (ignoring case). */
  knownUnits?: readonly { id: string; name: string }[];
  /** Reject rows whose person or team is not known (see `ReadCheckInRowsOptions`). */
  requireKnownSubjects?: boolean;
  partial?: boolean;
  dryRun?: boolean;
}

/** Empty counts, for failures before any row is read. */
export function emptyCheckInCounts(): CheckInImportCounts {
  return { rows: 0, values: 0, rejectedRows: 0, subjects: 0, series: 0, checkIns: 0 };
}

/**
 * The ISO instant of noon on a calendar day in a zone (`2015-01-01T12:00:00+06:00`). Noon, because
 * it is the same calendar day in the zone whatever the daylight-saving rules of that day.
 */
export function noonInZone(date: IsoDate, timeZone: string): string {
  const day = parseIsoDay(date);
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(day * 86_400_000 + 43_200_000))
    .find((p) => p.type === 'timeZoneName')?.value;
  const offset = name === undefined || name === 'GMT' ? '+00:00' : name.replace('GMT', '');
  return `${date}T12:00:00${offset}`;
}

function combine(values: number[], how: CheckInImportProfile['combine']): number {
  if (how === 'last') return values[values.length - 1] as number;
  const sum = values.reduce((s, v) => s + v, 0);
  return how === 'mean' ? sum / values.length : sum;
}

/**
 * Turns tables into series, goals and check-ins, and a report, without writing anything. Rows are
 * read through the profile; every problem of every row is reported at once; any rejected row
 * stops the whole import unless `partial` is set, because a series with a hole in it would show
 * a person as behind who is not.
 */
export function planCheckInImport(
  tables: { values: Table; targets?: Table },
  profile: CheckInImportProfile,
  opts: PlanCheckInImportOptions,
): CheckInImportOutcome {
  const report: CheckInImportReport = {
    profile: profile.name,
    source: tables.values.source,
    counts: emptyCheckInCounts(),
    rejected: [...tables.values.rejected],
    repaired: [],
  };
  const today = opts.now === undefined ? null : createZonedDayOf(opts.timeZone)(opts.now.getTime());
  const read = readCheckInRows(tables, profile, {
    latestDay: today === null ? null : today + (opts.futureToleranceDays ?? 1),
    knownPeople: opts.knownPeople ?? [],
    knownUnits: opts.knownUnits,
    requireKnownSubjects: opts.requireKnownSubjects,
  });
  if (!read.ok) return { ok: false, reason: read.reason, message: read.message, report };
  const { drafts, rejected, repaired, rows } = read.value;
  report.rejected.push(...rejected);
  report.repaired.push(...repaired);
  report.counts.rows = rows;
  report.counts.values = drafts.length + rejected.length;
  report.counts.rejectedRows = new Set(report.rejected.map((r) => r.line)).size;
  if (report.rejected.length > 0 && !opts.partial) {
    return {
      ok: false,
      reason: 'validation-failed',
      message:
        `${report.counts.rejectedRows} line(s) cannot be imported; nothing was imported ` +
        '(fix the file, or import the good lines with --partial)',
      report,
    };
  }

  const plan = buildPlan(drafts, profile, opts);
  report.counts.subjects = new Set(plan.series.map((s) => s.subject.id)).size;
  report.counts.series = plan.series.length;
  report.counts.checkIns = plan.checkIns.length;
  return { ok: true, dryRun: opts.dryRun ?? false, plan, report };
}

function buildPlan(
  drafts: CheckInRowDraft[],
  profile: CheckInImportProfile,
  opts: PlanCheckInImportOptions,
): CheckInImportPlan {
  const allDates = [...new Set(drafts.map((d) => d.date))].sort();
  const periodStart = allDates[0] ?? '1970-01-01';
  const periodEnd = allDates[allDates.length - 1] ?? periodStart;
  const groups = new Map<
    string,
    { first: CheckInRowDraft; byDate: Map<string, CheckInRowDraft[]> }
  >();
  for (const d of drafts) {
    const goalId = `imp-${d.subjectId}-${slugify(d.metric)}`.slice(0, 120);
    let group = groups.get(goalId);
    if (group === undefined) {
      group = { first: d, byDate: new Map() };
      groups.set(goalId, group);
    }
    const list = group.byDate.get(d.date);
    if (list) list.push(d);
    else group.byDate.set(d.date, [d]);
  }

  const series: ImportedSeries[] = [];
  const checkIns: CheckIn[] = [];
  for (const [goalId, { first, byDate }] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const points = [...byDate.keys()].sort().map((date) => {
      const rows = byDate.get(date) as CheckInRowDraft[];
      const targets = rows.map((r) => r.target).filter((t): t is number => t !== null);
      return {
        date: date as IsoDate,
        value: combine(
          rows.map((r) => r.value),
          profile.combine,
        ),
        target: targets.length === 0 ? null : combine(targets, profile.combine),
      };
    });
    let running = 0;
    for (const p of points) {
      running = profile.accumulate ? running + p.value : p.value;
      checkIns.push(
        CheckIn.parse({
          id: `${goalId}:${p.date}`.slice(0, 120),
          goalId,
          at: noonInZone(p.date, opts.timeZone),
          value: running,
          note: `imported (${profile.name})`,
          authorId: opts.authorId,
        }),
      );
    }
    const hasTargets = points.some((p) => p.target !== null);
    const totalTarget = points.reduce((s, p) => s + (p.target ?? 0), 0);
    const lastTarget = [...points].reverse().find((p) => p.target !== null)?.target ?? null;
    const target = profile.accumulate ? totalTarget : lastTarget;
    const subject = {
      kind: first.subjectKind === 'team' ? ('unit' as const) : ('person' as const),
      id: first.subjectId,
      name: first.subjectName,
    };
    const goal =
      hasTargets && target !== null
        ? Goal.parse({
            id: goalId,
            title: `${profile.metric.name}: ${first.subjectName}`,
            owner: { kind: subject.kind, id: subject.id },
            parentId: null,
            periodStart,
            periodEnd,
            kind: 'metric',
            metric: {
              unit: profile.metric.unit,
              start: profile.accumulate ? 0 : (points[0]?.value ?? 0),
              target,
              current: running,
              direction: profile.metric.direction,
            },
          })
        : null;
    let curve: PaceCurve | null = null;
    if (profile.accumulate && hasTargets && totalTarget > 0) {
      // A point on every date of the file: on a date this subject did not work the plan stays
      // flat, so the expected line does not creep up between two of its working days.
      let planned = 0;
      const targetOn = new Map(points.map((p) => [p.date as string, p.target ?? 0]));
      curve = {
        kind: 'plan',
        points: allDates.map((date) => {
          planned += targetOn.get(date) ?? 0;
          return { date, share: Math.min(1, planned / totalTarget) };
        }),
      };
    }
    series.push({
      goalId,
      subject,
      metric: { name: first.metric, unit: profile.metric.unit },
      points,
      goal,
      curve,
    });
  }
  return { series, checkIns };
}
