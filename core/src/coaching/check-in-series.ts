import type { IsoDate } from '../model/ids.ts';
import type { Goal } from '../model/performance.ts';
import { CheckIn, CheckInValue, seriesKeyOf } from './check-in.ts';
import { formatEpochDay, parseInstantMs, parseIsoDay } from './day-math.ts';
import { createZonedDayOf } from './zoned-day.ts';

/**
 * Check-ins as one time series per key result, the shape every chart and pace figure reads.
 * Check-ins arrive from documents that several clients wrote, from imports and from old versions,
 * so this is where they are sorted, made unique and checked: doubtful ones are kept and flagged
 * (a person should see and fix them), broken ones are set aside with a message. Nothing throws.
 */

/** Why a kept check-in looks doubtful. */
export type CheckInFlagReason = 'before-period' | 'far-future';

/** A doubt about a kept check-in, with a sentence for the person who can fix it. */
export interface CheckInFlag {
  reason: CheckInFlagReason;
  message: string;
}

/** One check-in in a series, with its instant and its calendar day in the organisation's zone. */
export interface SeriesPoint {
  checkIn: CheckIn;
  epochMs: number;
  /** Epoch day in the organisation's zone (see `day-math.ts`). */
  day: number;
  date: IsoDate;
  flags: CheckInFlag[];
}

/** Why a check-in could not be used at all. */
export type CheckInRejection = 'value-not-a-number' | 'invalid-check-in';

/** A check-in left out, where it was in the input, and why. */
export interface RejectedCheckIn {
  index: number;
  id: string | null;
  reason: CheckInRejection;
  message: string;
}

/** The series of every key result (by series key), and what was left out or merged. */
export interface CheckInSeriesSet {
  series: Map<string, SeriesPoint[]>;
  rejected: RejectedCheckIn[];
  /** Ids seen more than once; the occurrence written last in the input is kept. */
  duplicateIds: string[];
}

/** Inputs of `buildCheckInSeries`. */
export interface CheckInSeriesInput {
  /** Raw entries as read from documents; validated here. */
  checkIns: readonly unknown[];
  now: Date;
  timeZone: string;
  /** Goals whose periods decide the `before-period` flag (a series is matched by goal id). */
  goals?: readonly Pick<Goal, 'id' | 'periodStart'>[];
  /** Days after today before a check-in counts as "far in the future". Default 1. */
  futureToleranceDays?: number;
}

function idOf(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const id = (raw as { id?: unknown }).id;
  return typeof id === 'string' ? id : null;
}

/**
 * Builds the series. Each series is sorted by instant (ties by id, so the order never depends on
 * input order). A check-in on a day before its goal's period, or more than the tolerance after
 * today, is kept with a flag; a value that is not a number rejects the check-in.
 */
export function buildCheckInSeries(input: CheckInSeriesInput): CheckInSeriesSet {
  const dayOf = createZonedDayOf(input.timeZone);
  const today = dayOf(input.now.getTime());
  const tolerance = input.futureToleranceDays ?? 1;
  const periodStart = new Map<string, number>();
  for (const g of input.goals ?? []) periodStart.set(g.id, parseIsoDay(g.periodStart));

  const rejected: RejectedCheckIn[] = [];
  const latestById = new Map<string, { checkIn: CheckIn; epochMs: number }>();
  const duplicates = new Set<string>();
  input.checkIns.forEach((raw, index) => {
    const id = idOf(raw);
    const rawValue =
      typeof raw === 'object' && raw !== null ? (raw as { value?: unknown }).value : undefined;
    const value = CheckInValue.safeParse(rawValue);
    if (!value.success) {
      const message = value.error.issues[0]?.message ?? 'a check-in value must be a number';
      rejected.push({ index, id, reason: 'value-not-a-number', message });
      return;
    }
    const parsed = CheckIn.safeParse(raw);
    const epochMs = parsed.success ? parseInstantMs(parsed.data.at) : NaN;
    if (!parsed.success || Number.isNaN(epochMs)) {
      const issue = parsed.success ? undefined : parsed.error.issues[0];
      const message = issue
        ? `${issue.path.join('.') || 'check-in'}: ${issue.message}`
        : 'at: not an ISO date-time with an offset';
      rejected.push({ index, id, reason: 'invalid-check-in', message });
      return;
    }
    if (latestById.has(parsed.data.id)) {
      duplicates.add(parsed.data.id);
      latestById.delete(parsed.data.id); // re-insert so Map order stays "last written"
    }
    latestById.set(parsed.data.id, { checkIn: parsed.data, epochMs });
  });

  const series = new Map<string, SeriesPoint[]>();
  for (const { checkIn, epochMs } of latestById.values()) {
    const key = seriesKeyOf(checkIn);
    const day = dayOf(epochMs);
    const flags: CheckInFlag[] = [];
    const start = periodStart.get(key) ?? periodStart.get(checkIn.goalId);
    if (start !== undefined && day < start) {
      flags.push({
        reason: 'before-period',
        message: `dated ${formatEpochDay(day)}, before the goal's period starts on ${formatEpochDay(start)}`,
      });
    }
    if (day > today + tolerance) {
      flags.push({
        reason: 'far-future',
        message: `dated ${formatEpochDay(day)}, more than ${tolerance} day(s) after today (${formatEpochDay(today)})`,
      });
    }
    const point: SeriesPoint = { checkIn, epochMs, day, date: formatEpochDay(day), flags };
    const list = series.get(key);
    if (list) list.push(point);
    else series.set(key, [point]);
  }
  for (const list of series.values()) {
    list.sort(
      (a, b) =>
        a.epochMs - b.epochMs ||
        (a.checkIn.id < b.checkIn.id ? -1 : a.checkIn.id > b.checkIn.id ? 1 : 0),
    );
  }
  return { series, rejected, duplicateIds: [...duplicates].sort() };
}
