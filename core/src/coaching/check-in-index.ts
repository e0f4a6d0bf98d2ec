import type { CheckIn } from './check-in.ts';
import { parseInstantMs } from './day-math.ts';
import { createZonedDayOf } from './zoned-day.ts';

/**
 * All check-ins of an organisation in columns, grouped by series and sorted by time, with every
 * timestamp turned into an epoch day once. The reminder evaluator and the team dashboard look at
 * every goal of thousands of people; reading columns of numbers keeps that to one pass with no
 * date parsing and no allocation per check-in. Same rules as `buildCheckInSeries` (series key,
 * last write wins for a repeated id, a non-number value is left out), minus the messages, with
 * one difference: a repeated id is looked for within its series only (a global id table for
 * millions of check-ins costs more than the rare edit that moves a check-in to another goal).
 */
export interface CheckInIndex {
  timeZone: string;
  /** Series keys (key result id, else goal id) by ordinal. */
  seriesKeys: string[];
  seriesOrdinal: Map<string, number>;
  /**
   * Column blocks. Series k is rows `[seriesFrom[k], seriesTo[k])` of `blocks[seriesBlock[k]]`.
   * An index built from objects has one block; one merged from document segments keeps each
   * segment as its own block, so merging copies no check-in.
   */
  blocks: ColumnBlock[];
  seriesBlock: Int32Array;
  seriesFrom: Int32Array;
  seriesTo: Int32Array;
  /** Series ordinals holding key-result check-ins filed under a goal (for "last check-in"). */
  keyResultSeriesOfGoal: Map<string, number[]>;
  /** Check-ins left out (value not a finite number, or an unreadable timestamp). */
  rejectedCount: number;
  /** Check-ins dropped because a later one in the input had the same id. */
  duplicateCount: number;
}

/** Parallel columns of check-ins: day in the org zone, instant, value, confidence (NaN = none). */
export interface ColumnBlock {
  days: Int32Array;
  epochMs: Float64Array;
  values: Float64Array;
  confidence: Float64Array;
}

/** One series of an index: its block's columns and its rows `[from, to)`, in time order. */
export interface SeriesView extends ColumnBlock {
  from: number;
  to: number;
}

const EMPTY_BLOCK: ColumnBlock = {
  days: new Int32Array(0),
  epochMs: new Float64Array(0),
  values: new Float64Array(0),
  confidence: new Float64Array(0),
};

/** The series of a key (goal or key result id); an empty view when it has no check-in. */
export function seriesView(index: CheckInIndex, key: string): SeriesView {
  const ord = index.seriesOrdinal.get(key);
  return ord === undefined ? { ...EMPTY_BLOCK, from: 0, to: 0 } : seriesViewAt(index, ord);
}

/** The series of an ordinal. */
export function seriesViewAt(index: CheckInIndex, ord: number): SeriesView {
  const block = index.blocks[index.seriesBlock[ord] as number] as ColumnBlock;
  return {
    days: block.days,
    epochMs: block.epochMs,
    values: block.values,
    confidence: block.confidence,
    from: index.seriesFrom[ord] as number,
    to: index.seriesTo[ord] as number,
  };
}

/** Indexes check-ins that already passed the `CheckIn` schema (or claim to). */
export function indexCheckIns(checkIns: readonly CheckIn[], timeZone: string): CheckInIndex {
  const dayOf = createZonedDayOf(timeZone);
  const n = checkIns.length;
  const ordOf = new Int32Array(n);
  const msOf = new Float64Array(n);
  // Values are copied while the objects are being read anyway, so later passes touch no objects.
  const valueOf = new Float64Array(n);
  const confidenceOf = new Float64Array(n);
  const seriesOrdinal = new Map<string, number>();
  const seriesKeys: string[] = [];
  const keyResultSeriesOfGoal = new Map<string, number[]>();
  let counts = new Int32Array(1024);
  let rejectedCount = 0;
  for (let i = 0; i < n; i++) {
    const c = checkIns[i] as CheckIn;
    const ms = typeof c.value === 'number' && Number.isFinite(c.value) ? parseInstantMs(c.at) : NaN;
    if (Number.isNaN(ms)) {
      ordOf[i] = -1;
      rejectedCount++;
      continue;
    }
    const key = c.keyResultId ?? c.goalId;
    let ord = seriesOrdinal.get(key);
    if (ord === undefined) {
      ord = seriesKeys.length;
      seriesKeys.push(key);
      seriesOrdinal.set(key, ord);
      if (ord >= counts.length) {
        const grown = new Int32Array(counts.length * 2);
        grown.set(counts);
        counts = grown;
      }
    }
    if (key !== c.goalId) {
      const list = keyResultSeriesOfGoal.get(c.goalId);
      if (list === undefined) keyResultSeriesOfGoal.set(c.goalId, [ord]);
      else if (!list.includes(ord)) list.push(ord);
    }
    ordOf[i] = ord;
    msOf[i] = ms;
    valueOf[i] = c.value;
    confidenceOf[i] = c.confidence ?? NaN;
    counts[ord] = (counts[ord] as number) + 1;
  }
  const seriesCount = seriesKeys.length;
  const start = new Int32Array(seriesCount + 1);
  for (let k = 0; k < seriesCount; k++) start[k + 1] = (start[k] as number) + (counts[k] as number);
  // Counting sort by series, stable in input order.
  const cursor = start.slice(0, seriesCount);
  const order = new Int32Array(n - rejectedCount);
  for (let i = 0; i < n; i++) {
    const ord = ordOf[i] as number;
    if (ord < 0) continue;
    order[cursor[ord] as number] = i;
    cursor[ord] = (cursor[ord] as number) + 1;
  }

  const total = order.length;
  const days = new Int32Array(total);
  const epochMs = new Float64Array(total);
  const values = new Float64Array(total);
  const confidence = new Float64Array(total);
  const offsets = new Int32Array(seriesCount + 1);
  const lastOfId = new Map<string, number>();
  const dropped = new Uint8Array(n);
  let out = 0;
  let duplicateCount = 0;
  for (let k = 0; k < seriesCount; k++) {
    const from = start[k] as number;
    const to = start[k + 1] as number;
    // Last write wins: walking in input order, a repeated id drops the earlier occurrence.
    lastOfId.clear();
    for (let p = from; p < to; p++) {
      const i = order[p] as number;
      const id = (checkIns[i] as CheckIn).id;
      const prev = lastOfId.get(id);
      if (prev !== undefined) {
        dropped[prev] = 1;
        duplicateCount++;
      }
      lastOfId.set(id, i);
    }
    sortByTime(order, from, to, msOf, checkIns);
    offsets[k] = out;
    for (let p = from; p < to; p++) {
      const i = order[p] as number;
      if (dropped[i] === 1) continue;
      const ms = msOf[i] as number;
      epochMs[out] = ms;
      days[out] = dayOf(ms);
      values[out] = valueOf[i] as number;
      confidence[out] = confidenceOf[i] as number;
      out++;
    }
  }
  offsets[seriesCount] = out;
  return {
    timeZone,
    seriesKeys,
    seriesOrdinal,
    blocks: [
      {
        days: days.subarray(0, out),
        epochMs: epochMs.subarray(0, out),
        values: values.subarray(0, out),
        confidence: confidence.subarray(0, out),
      },
    ],
    seriesBlock: new Int32Array(seriesCount),
    seriesFrom: offsets.subarray(0, seriesCount),
    seriesTo: offsets.subarray(1, seriesCount + 1),
    keyResultSeriesOfGoal,
    rejectedCount,
    duplicateCount,
  };
}

// Series arrive mostly in time order (clients append): a sorted one costs one scan, a short
// unsorted one an insertion sort, a long unsorted one a library sort.
function sortByTime(
  order: Int32Array,
  from: number,
  to: number,
  msOf: Float64Array,
  checkIns: readonly CheckIn[],
): void {
  let sorted = true;
  for (let p = from + 1; p < to && sorted; p++) {
    sorted = !before(
      msOf[order[p] as number] as number,
      order[p] as number,
      order[p - 1] as number,
      msOf,
      checkIns,
    );
  }
  if (sorted) return;
  if (to - from > 64) {
    order
      .subarray(from, to)
      .sort((a, b) =>
        before(msOf[a] as number, a, b, msOf, checkIns)
          ? -1
          : before(msOf[b] as number, b, a, msOf, checkIns)
            ? 1
            : 0,
      );
    return;
  }
  for (let p = from + 1; p < to; p++) {
    const item = order[p] as number;
    const ms = msOf[item] as number;
    let q = p - 1;
    while (q >= from && before(ms, item, order[q] as number, msOf, checkIns)) {
      order[q + 1] = order[q] as number;
      q--;
    }
    order[q + 1] = item;
  }
}

function before(
  ms: number,
  item: number,
  other: number,
  msOf: Float64Array,
  checkIns: readonly CheckIn[],
): boolean {
  const otherMs = msOf[other] as number;
  if (ms !== otherMs) return ms < otherMs;
  return (checkIns[item] as CheckIn).id < (checkIns[other] as CheckIn).id;
}
