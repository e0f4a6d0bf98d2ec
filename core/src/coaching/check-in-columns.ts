import type { CheckIn } from './check-in.ts';
import type { CheckInIndex, ColumnBlock } from './check-in-index.ts';
import { parseInstantMs } from './day-math.ts';
import { createZonedDayOf, type ZonedDayOf } from './zoned-day.ts';

/**
 * Check-ins of one source document (a team doc, a person's private doc) held as columns of numbers,
 * the way the background worker keeps them between evaluations. Building the columns parses each
 * timestamp and finds its calendar day once, when the document is read; evaluating the reminder
 * rules afterwards reads only typed arrays, so it costs a pass over numbers instead of a walk over
 * millions of objects (which spent most of its time in the garbage collector).
 *
 * A segment is rebuilt as a whole when its document changes: a team document holds a few thousand
 * check-ins, so that is milliseconds, and there is no global id table to keep in step. Rows come
 * from a Y.Map keyed by check-in id, so ids are unique within a segment; `indexCheckInColumns`
 * does not look for the same id in two segments (the same check-in is never written to two
 * documents).
 */
export interface CheckInColumns {
  timeZone: string;
  length: number;
  /** Series keys (key result id, else goal id) of this segment, by local ordinal. */
  seriesKeys: string[];
  /** The goal each local series belongs to (equal to the key for a goal's own series). */
  seriesGoals: string[];
  /** Rows are grouped by series and in time order: series k is rows `[offsets[k], offsets[k+1])`. */
  offsets: Int32Array;
  /** The local series ordinal of each row. */
  series: Int32Array;
  epochMs: Float64Array;
  days: Int32Array;
  values: Float64Array;
  /** Confidence 0..1, NaN when the check-in gave none. */
  confidence: Float64Array;
  /** Check-in ids, read only to order two check-ins of one series at the same instant. */
  ids: string[];
  /** Check-ins left out: the value is not a finite number or the timestamp is unreadable. */
  rejectedCount: number;
}

/** The fields a row needs; a full `CheckIn` has them. */
export type CheckInRow = Pick<
  CheckIn,
  'id' | 'goalId' | 'keyResultId' | 'at' | 'value' | 'confidence'
>;

/**
 * Builds one segment: rows grouped by series (in order of first appearance) and sorted by time,
 * ties by id, as `buildCheckInSeries` orders them. `dayOf` may be shared between segments of one
 * zone so its offset cache is filled once. Rows whose value is not a finite number, or whose
 * instant cannot be read, are counted and left out, as in `indexCheckIns`.
 */
export function checkInColumnsFrom(
  rows: readonly CheckInRow[],
  timeZone: string,
  dayOf: ZonedDayOf = createZonedDayOf(timeZone),
): CheckInColumns {
  const n = rows.length;
  const ordOf = new Int32Array(n);
  const msOf = new Float64Array(n);
  const seriesKeys: string[] = [];
  const seriesGoals: string[] = [];
  const ordinals = new Map<string, number>();
  let counts = new Int32Array(64);
  let rejectedCount = 0;
  for (let i = 0; i < n; i++) {
    const c = rows[i] as CheckInRow;
    const value = c.value;
    const ms = typeof value === 'number' && Number.isFinite(value) ? parseInstantMs(c.at) : NaN;
    if (Number.isNaN(ms)) {
      ordOf[i] = -1;
      rejectedCount++;
      continue;
    }
    const key = c.keyResultId ?? c.goalId;
    let ord = ordinals.get(key);
    if (ord === undefined) {
      ord = seriesKeys.length;
      ordinals.set(key, ord);
      seriesKeys.push(key);
      seriesGoals.push(c.goalId);
      if (ord >= counts.length) {
        const grown = new Int32Array(counts.length * 2);
        grown.set(counts);
        counts = grown;
      }
    }
    ordOf[i] = ord;
    msOf[i] = ms;
    counts[ord] = (counts[ord] as number) + 1;
  }
  const seriesCount = seriesKeys.length;
  const offsets = new Int32Array(seriesCount + 1);
  for (let k = 0; k < seriesCount; k++) {
    offsets[k + 1] = (offsets[k] as number) + (counts[k] as number);
  }
  const length = n - rejectedCount;
  const order = new Int32Array(length);
  const cursor = offsets.slice(0, seriesCount);
  for (let i = 0; i < n; i++) {
    const ord = ordOf[i] as number;
    if (ord < 0) continue;
    order[cursor[ord] as number] = i;
    cursor[ord] = (cursor[ord] as number) + 1;
  }
  const before = (a: number, b: number): boolean => {
    const d = (msOf[a] as number) - (msOf[b] as number);
    return d < 0 || (d === 0 && (rows[a] as CheckInRow).id < (rows[b] as CheckInRow).id);
  };
  for (let k = 0; k < seriesCount; k++) {
    // Clients append, so a series is almost always in order already: one scan, else a sort.
    const from = offsets[k] as number;
    const to = offsets[k + 1] as number;
    for (let p = from + 1; p < to; p++) {
      if (before(order[p] as number, order[p - 1] as number)) {
        order.subarray(from, to).sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
        break;
      }
    }
  }
  const series = new Int32Array(length);
  const epochMs = new Float64Array(length);
  const days = new Int32Array(length);
  const values = new Float64Array(length);
  const confidence = new Float64Array(length);
  const ids: string[] = new Array<string>(length);
  for (let k = 0; k < seriesCount; k++) {
    for (let p = offsets[k] as number; p < (offsets[k + 1] as number); p++) {
      const i = order[p] as number;
      const c = rows[i] as CheckInRow;
      const ms = msOf[i] as number;
      series[p] = k;
      epochMs[p] = ms;
      days[p] = dayOf(ms);
      values[p] = c.value;
      confidence[p] = c.confidence ?? NaN;
      ids[p] = c.id;
    }
  }
  return {
    timeZone,
    length,
    seriesKeys,
    seriesGoals,
    offsets,
    series,
    epochMs,
    days,
    values,
    confidence,
    ids,
    rejectedCount,
  };
}

/**
 * Merges segments into the index the reminder evaluator and the dashboard read. Each segment stays
 * a block of the index, so nothing is copied: a series that lives in one segment (a goal's
 * check-ins sit in the document that holds the goal) is read where it is. A series found in
 * several segments (a goal moved to another team while offline) is merged into one extra block
 * and re-sorted. Every segment must be in `timeZone`; one that is not is refused with a
 * RangeError, since its days would be counted in another calendar.
 */
export function indexCheckInColumns(
  segments: readonly CheckInColumns[],
  timeZone: string,
): CheckInIndex {
  const seriesOrdinal = new Map<string, number>();
  const seriesKeys: string[] = [];
  const keyResultSeriesOfGoal = new Map<string, number[]>();
  let capacity = 1024;
  let seriesBlock = new Int32Array(capacity);
  let seriesFrom = new Int32Array(capacity);
  let seriesTo = new Int32Array(capacity);
  // Series found in more than one segment: ordinal -> [segment, local series] pairs.
  const split = new Map<number, [number, number][]>();
  let rejectedCount = 0;
  segments.forEach((seg, s) => {
    if (seg.timeZone !== timeZone) {
      throw new RangeError(
        `check-in columns in ${seg.timeZone} cannot join an index in ${timeZone}`,
      );
    }
    rejectedCount += seg.rejectedCount;
    for (let k = 0; k < seg.seriesKeys.length; k++) {
      const key = seg.seriesKeys[k] as string;
      const ord = seriesOrdinal.get(key);
      if (ord !== undefined) {
        const parts = split.get(ord) ?? [[seriesBlock[ord] as number, localSeries(ord)]];
        parts.push([s, k]);
        split.set(ord, parts);
        continue;
      }
      const next = seriesKeys.length;
      if (next === capacity) {
        capacity *= 2;
        seriesBlock = grow(seriesBlock, capacity);
        seriesFrom = grow(seriesFrom, capacity);
        seriesTo = grow(seriesTo, capacity);
      }
      seriesOrdinal.set(key, next);
      seriesKeys.push(key);
      seriesBlock[next] = s;
      seriesFrom[next] = seg.offsets[k] as number;
      seriesTo[next] = seg.offsets[k + 1] as number;
      const goal = seg.seriesGoals[k] as string;
      if (goal !== key) {
        const list = keyResultSeriesOfGoal.get(goal);
        if (list === undefined) keyResultSeriesOfGoal.set(goal, [next]);
        else list.push(next);
      }
    }
  });

  // The local series of an ordinal first seen in its block (only needed for split series).
  function localSeries(ord: number): number {
    const seg = segments[seriesBlock[ord] as number] as CheckInColumns;
    return seg.seriesKeys.indexOf(seriesKeys[ord] as string);
  }

  const blocks: ColumnBlock[] = [...segments];
  if (split.size > 0) {
    const merged = mergeSplitSeries(segments, split);
    const at = blocks.length;
    blocks.push(merged.block);
    for (const [ord, [from, to]] of merged.ranges) {
      seriesBlock[ord] = at;
      seriesFrom[ord] = from;
      seriesTo[ord] = to;
    }
  }
  const count = seriesKeys.length;
  return {
    timeZone,
    seriesKeys,
    seriesOrdinal,
    blocks,
    seriesBlock: seriesBlock.subarray(0, count),
    seriesFrom: seriesFrom.subarray(0, count),
    seriesTo: seriesTo.subarray(0, count),
    keyResultSeriesOfGoal,
    rejectedCount,
    duplicateCount: 0,
  };
}

function grow(array: Int32Array<ArrayBuffer>, capacity: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(capacity);
  grown.set(array);
  return grown;
}

// Copies the parts of each split series into one block and sorts each by (instant, id).
function mergeSplitSeries(
  segments: readonly CheckInColumns[],
  split: ReadonlyMap<number, [number, number][]>,
): { block: ColumnBlock; ranges: Map<number, [number, number]> } {
  const points: { day: number; ms: number; value: number; confidence: number; id: string }[][] = [];
  const ranges = new Map<number, [number, number]>();
  let total = 0;
  for (const [ord, parts] of split) {
    const list: (typeof points)[number] = [];
    for (const [s, k] of parts) {
      const seg = segments[s] as CheckInColumns;
      for (let i = seg.offsets[k] as number; i < (seg.offsets[k + 1] as number); i++) {
        list.push({
          day: seg.days[i] as number,
          ms: seg.epochMs[i] as number,
          value: seg.values[i] as number,
          confidence: seg.confidence[i] as number,
          id: seg.ids[i] as string,
        });
      }
    }
    list.sort((a, b) => a.ms - b.ms || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    ranges.set(ord, [total, total + list.length]);
    total += list.length;
    points.push(list);
  }
  const block: ColumnBlock = {
    days: new Int32Array(total),
    epochMs: new Float64Array(total),
    values: new Float64Array(total),
    confidence: new Float64Array(total),
  };
  let at = 0;
  for (const list of points) {
    for (const p of list) {
      block.days[at] = p.day;
      block.epochMs[at] = p.ms;
      block.values[at] = p.value;
      block.confidence[at] = p.confidence;
      at++;
    }
  }
  return { block, ranges };
}
