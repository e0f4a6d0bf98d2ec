import type { CheckInRow } from './check-in-columns.ts';
import { parseInstantMs } from './day-math.ts';
import { createZonedDayOf, type ZonedDayOf } from './zoned-day.ts';

/**
 * The few numbers per series that the reminder rules read, kept instead of every check-in. The
 * rules ask, as of today: the latest check-in (its day and value), the last check-in on any key
 * result of a goal, and the last two confidences. A series summary keeps its newest `TAIL`
 * check-ins, the newest check-in before them, and the last two confidences before them. That
 * answers every question exactly for any day on or after the newest kept-back check-in; asked
 * about an earlier day (more than `TAIL` check-ins dated after it), `seriesFactsAt` says it does
 * not know and the caller reads the full series (`evaluateReminders` does this by itself when
 * given `fullCheckIns`).
 *
 * A summary is built in one pass over a document's check-ins, with no sorting and no object per
 * check-in, and `addCheckInToSummary` keeps it current as check-ins are added (a Y.Map "add"), in
 * constant time. Replacing or deleting a check-in (a Y.Map "update" or "delete": re-import,
 * reassignment) cannot be undone from the summary: rebuild that document's summary. Its fields
 * are typed arrays, strings and numbers, so it can be stored with structured clone (IndexedDB)
 * and brought back with `reviveCheckInSummary`; nothing here does the storing (core has no I/O).
 */

/** Newest check-ins kept per series. Two cover a check-in dated tomorrow; three leave a margin. */
export const SUMMARY_TAIL = 3;
// Slots per series: the tail (oldest first), then the newest check-in before the tail, then the
// later and the earlier of the last two confidences before the tail.
const PRE = SUMMARY_TAIL;
const CONF_LATER = SUMMARY_TAIL + 1;
const CONF_EARLIER = SUMMARY_TAIL + 2;
const SLOTS = SUMMARY_TAIL + 3;

/** Per-series summaries of one document's check-ins (or of several, merged). */
export interface CheckInSummary {
  timeZone: string;
  /** Series keys (key result id, else goal id) by ordinal. */
  seriesKeys: string[];
  /** The goal of each series (equal to the key for a goal's own series). */
  seriesGoals: string[];
  /** Series key -> ordinal; rebuilt by `reviveCheckInSummary` after storage. */
  seriesOrdinal: Map<string, number>;
  /** Key-result series filed under each goal (for "last check-in on the goal or its results"). */
  keyResultSeriesOfGoal: Map<string, number[]>;
  /** Check-ins summarised per series. */
  counts: Int32Array;
  /** Filled tail slots per series (0..TAIL). */
  tailLength: Uint8Array;
  /** Slot columns, `SLOTS` per series; an empty slot has NaN in `slotMs`. */
  slotMs: Float64Array;
  slotDay: Int32Array;
  slotValue: Float64Array;
  /** Confidence 0..1, NaN when the check-in gave none. */
  slotConfidence: Float64Array;
  /** Check-in ids, read only to order two check-ins of a series at the same instant. */
  slotId: string[];
  /** Check-ins left out: the value is not a finite number or the timestamp is unreadable. */
  rejectedCount: number;
}

/**
 * A summary as stored: without its maps, which are rebuilt from the key columns, and with the
 * slot ids in one string (ids cannot hold a line break): structured clone copies one string
 * much faster than 600,000 small ones.
 */
export type StoredCheckInSummary = Omit<
  CheckInSummary,
  'seriesOrdinal' | 'keyResultSeriesOfGoal' | 'slotId'
> & { slotIds: string };

/** A summary ready for storage (structured clone). */
export function storableCheckInSummary(summary: CheckInSummary): StoredCheckInSummary {
  const {
    seriesOrdinal: _ordinal,
    keyResultSeriesOfGoal: _keyResults,
    slotId,
    ...stored
  } = summary;
  return { ...stored, slotIds: slotId.join('\n') };
}

function slotIdsOf(s: CheckInSummary | StoredCheckInSummary): string[] {
  return 'slotIds' in s ? s.slotIds.split('\n') : s.slotId;
}

/** What the rules read about one series as of a day; `-Infinity` / NaN when there is none. */
export interface SeriesFacts {
  /** Day and value of the latest check-in on or before the day. */
  lastDay: number;
  lastValue: number;
  /** The last two confidences on or before the day and the later one's day; NaN unless two. */
  confidenceLater: number;
  confidenceLaterDay: number;
  confidenceEarlier: number;
}

/** An empty summary to fill with `addCheckInToSummary`. */
export function emptyCheckInSummary(timeZone: string, capacity = 16): CheckInSummary {
  const cap = Math.max(1, capacity);
  return {
    timeZone,
    seriesKeys: [],
    seriesGoals: [],
    seriesOrdinal: new Map(),
    keyResultSeriesOfGoal: new Map(),
    counts: new Int32Array(cap),
    tailLength: new Uint8Array(cap),
    slotMs: new Float64Array(cap * SLOTS).fill(NaN),
    slotDay: new Int32Array(cap * SLOTS),
    slotValue: new Float64Array(cap * SLOTS),
    slotConfidence: new Float64Array(cap * SLOTS),
    // Filled, not holey: V8 keeps a packed array fast to write and to clone.
    slotId: new Array<string>(cap * SLOTS).fill(''),
    rejectedCount: 0,
  };
}

/**
 * Summarises a document's check-ins in one pass. Rows may come in any order; ids must be unique
 * (they come from a Y.Map keyed by id). Rows whose value is not a finite number, or whose instant
 * cannot be read, are counted and left out, as in `checkInColumnsFrom`.
 */
export function summarizeCheckIns(
  rows: readonly CheckInRow[],
  timeZone: string,
  dayOf: ZonedDayOf = createZonedDayOf(timeZone),
): CheckInSummary {
  const summary = emptyCheckInSummary(timeZone, 64);
  for (let i = 0; i < rows.length; i++) addCheckInToSummary(summary, rows[i] as CheckInRow, dayOf);
  return summary;
}

/**
 * Adds one new check-in. Returns false (and counts it as rejected) when its value is not a finite
 * number or its instant cannot be read. Adding a check-in whose id is already summarised counts
 * it twice: for a replaced check-in, rebuild the summary instead.
 */
export function addCheckInToSummary(
  summary: CheckInSummary,
  row: CheckInRow,
  dayOf: ZonedDayOf = createZonedDayOf(summary.timeZone),
): boolean {
  const value = row.value;
  const ms = typeof value === 'number' && Number.isFinite(value) ? parseInstantMs(row.at) : NaN;
  if (Number.isNaN(ms)) {
    summary.rejectedCount++;
    return false;
  }
  const key = row.keyResultId ?? row.goalId;
  const ord = seriesOf(summary, key, row.goalId);
  insertPoint(summary, ord, ms, dayOf(ms), value, row.confidence ?? NaN, row.id);
  summary.counts[ord] = (summary.counts[ord] as number) + 1;
  return true;
}

// The ordinal of a series, added (and the columns grown) when it is new.
function seriesOf(summary: CheckInSummary, key: string, goal: string): number {
  const known = summary.seriesOrdinal.get(key);
  if (known !== undefined) return known;
  const ord = summary.seriesKeys.length;
  if (ord === summary.counts.length) growSummary(summary, ord * 2);
  summary.seriesOrdinal.set(key, ord);
  summary.seriesKeys.push(key);
  summary.seriesGoals.push(goal);
  if (goal !== key) {
    const list = summary.keyResultSeriesOfGoal.get(goal);
    if (list === undefined) summary.keyResultSeriesOfGoal.set(goal, [ord]);
    else list.push(ord);
  }
  return ord;
}

function growSummary(s: CheckInSummary, capacity: number): void {
  const grow = <T extends Int32Array | Uint8Array | Float64Array>(a: T, make: (n: number) => T) => {
    const next = make(capacity * (a.length / s.counts.length));
    next.set(a);
    return next;
  };
  const oldSlots = s.slotMs.length;
  s.slotMs = grow(s.slotMs, (n) => new Float64Array(n));
  s.slotMs.fill(NaN, oldSlots);
  s.slotDay = grow(s.slotDay, (n) => new Int32Array(n));
  s.slotValue = grow(s.slotValue, (n) => new Float64Array(n));
  s.slotConfidence = grow(s.slotConfidence, (n) => new Float64Array(n));
  s.tailLength = grow(s.tailLength, (n) => new Uint8Array(n));
  for (let i = s.slotId.length; i < capacity * SLOTS; i++) s.slotId.push('');
  s.counts = grow(s.counts, (n) => new Int32Array(n));
}

// Whether point (ms, id) comes after slot `at` (an empty slot comes before everything).
function after(s: CheckInSummary, at: number, ms: number, id: string): boolean {
  const other = s.slotMs[at] as number;
  if (Number.isNaN(other)) return true;
  return ms > other || (ms === other && id > (s.slotId[at] as string));
}

function setSlot(
  s: CheckInSummary,
  at: number,
  ms: number,
  day: number,
  value: number,
  confidence: number,
  id: string,
): void {
  s.slotMs[at] = ms;
  s.slotDay[at] = day;
  s.slotValue[at] = value;
  s.slotConfidence[at] = confidence;
  s.slotId[at] = id;
}

function copySlot(s: CheckInSummary, to: number, from: number): void {
  setSlot(
    s,
    to,
    s.slotMs[from] as number,
    s.slotDay[from] as number,
    s.slotValue[from] as number,
    s.slotConfidence[from] as number,
    s.slotId[from] as string,
  );
}

function insertPoint(
  s: CheckInSummary,
  ord: number,
  ms: number,
  day: number,
  value: number,
  confidence: number,
  id: string,
): void {
  const base = ord * SLOTS;
  const n = s.tailLength[ord] as number;
  if (n === SUMMARY_TAIL) {
    if (!after(s, base, ms, id)) {
      keepBefore(s, base, ms, day, value, confidence, id);
      return;
    }
    // The oldest of the tail moves back; it is newer than anything already kept back.
    keepBefore(
      s,
      base,
      s.slotMs[base] as number,
      s.slotDay[base] as number,
      s.slotValue[base] as number,
      s.slotConfidence[base] as number,
      s.slotId[base] as string,
    );
    let i = 0;
    while (i + 1 < SUMMARY_TAIL && after(s, base + i + 1, ms, id)) {
      copySlot(s, base + i, base + i + 1);
      i++;
    }
    setSlot(s, base + i, ms, day, value, confidence, id);
    return;
  }
  let i = n;
  while (i > 0 && !after(s, base + i - 1, ms, id)) {
    copySlot(s, base + i, base + i - 1);
    i--;
  }
  setSlot(s, base + i, ms, day, value, confidence, id);
  s.tailLength[ord] = n + 1;
}

// A check-in older than the tail: it may be the newest kept back, or one of the last confidences.
function keepBefore(
  s: CheckInSummary,
  base: number,
  ms: number,
  day: number,
  value: number,
  confidence: number,
  id: string,
): void {
  if (after(s, base + PRE, ms, id)) setSlot(s, base + PRE, ms, day, value, confidence, id);
  if (Number.isNaN(confidence)) return;
  if (after(s, base + CONF_LATER, ms, id)) {
    if (!Number.isNaN(s.slotMs[base + CONF_LATER] as number)) {
      copySlot(s, base + CONF_EARLIER, base + CONF_LATER);
    }
    setSlot(s, base + CONF_LATER, ms, day, value, confidence, id);
  } else if (after(s, base + CONF_EARLIER, ms, id)) {
    setSlot(s, base + CONF_EARLIER, ms, day, value, confidence, id);
  }
}

/**
 * The facts of series `ord` as of `today` (an epoch day), written into `out`. Returns false when
 * the summary cannot tell: more than `TAIL` check-ins are dated after `today`.
 */
export function seriesFactsAt(
  s: CheckInSummary,
  ord: number,
  today: number,
  out: SeriesFacts,
): boolean {
  const base = ord * SLOTS;
  out.lastDay = -Infinity;
  out.lastValue = NaN;
  out.confidenceLater = NaN;
  out.confidenceLaterDay = NaN;
  out.confidenceEarlier = NaN;
  let found = 0;
  for (let i = (s.tailLength[ord] as number) - 1; i >= 0; i--) {
    const day = s.slotDay[base + i] as number;
    if (day > today) continue;
    if (out.lastDay === -Infinity) {
      out.lastDay = day;
      out.lastValue = s.slotValue[base + i] as number;
    }
    const c = s.slotConfidence[base + i] as number;
    if (Number.isNaN(c) || found === 2) continue;
    if (found === 0) {
      out.confidenceLater = c;
      out.confidenceLaterDay = day;
    } else out.confidenceEarlier = c;
    found++;
  }
  if (out.lastDay !== -Infinity && found === 2) return true;
  const pre = base + PRE;
  if (Number.isNaN(s.slotMs[pre] as number)) {
    // Nothing kept back: the tail is the whole series.
    if (found < 2) {
      out.confidenceLater = NaN;
      out.confidenceLaterDay = NaN;
    }
    return true;
  }
  if ((s.slotDay[pre] as number) > today) return false;
  if (out.lastDay === -Infinity) {
    out.lastDay = s.slotDay[pre] as number;
    out.lastValue = s.slotValue[pre] as number;
  }
  for (let at = base + CONF_LATER; at <= base + CONF_EARLIER && found < 2; at++) {
    if (Number.isNaN(s.slotMs[at] as number)) break;
    if (found === 0) {
      out.confidenceLater = s.slotConfidence[at] as number;
      out.confidenceLaterDay = s.slotDay[at] as number;
    } else out.confidenceEarlier = s.slotConfidence[at] as number;
    found++;
  }
  if (found < 2) {
    // One confidence is no drop: the pair is reported whole or not at all.
    out.confidenceLater = NaN;
    out.confidenceLaterDay = NaN;
  }
  return true;
}

/**
 * Merges the summaries of several documents into one the evaluator reads. A series found in
 * several (a goal moved to another team while offline) is merged exactly: every check-in a part
 * kept is added to the first part's summary, and what a part dropped is older than what it kept.
 * Every summary must be in `timeZone` (a RangeError otherwise: its days are in another calendar).
 * The parts may be stored summaries straight from structured clone.
 */
export function mergeCheckInSummaries(
  parts: readonly (CheckInSummary | StoredCheckInSummary)[],
  timeZone: string,
): CheckInSummary {
  let total = 0;
  for (const p of parts) {
    if (p.timeZone !== timeZone) {
      throw new RangeError(`a check-in summary in ${p.timeZone} cannot join one in ${timeZone}`);
    }
    total += p.seriesKeys.length;
  }
  const out = emptyCheckInSummary(timeZone, total);
  for (const p of parts) {
    out.rejectedCount += p.rejectedCount;
    const ids = slotIdsOf(p);
    for (let k = 0; k < p.seriesKeys.length; k++) {
      const key = p.seriesKeys[k] as string;
      const existing = out.seriesOrdinal.get(key);
      if (existing === undefined) {
        const ord = seriesOf(out, key, p.seriesGoals[k] as string);
        out.counts[ord] = p.counts[k] as number;
        out.tailLength[ord] = p.tailLength[k] as number;
        // Element by element: six slots are too few to pay for four subarray views.
        const from = k * SLOTS;
        const to = ord * SLOTS;
        for (let j = 0; j < SLOTS; j++) {
          out.slotMs[to + j] = p.slotMs[from + j] as number;
          out.slotDay[to + j] = p.slotDay[from + j] as number;
          out.slotValue[to + j] = p.slotValue[from + j] as number;
          out.slotConfidence[to + j] = p.slotConfidence[from + j] as number;
          out.slotId[to + j] = ids[from + j] as string;
        }
        continue;
      }
      out.counts[existing] = (out.counts[existing] as number) + (p.counts[k] as number);
      const seen = new Set<string>();
      for (let j = k * SLOTS; j < (k + 1) * SLOTS; j++) {
        const ms = p.slotMs[j] as number;
        const id = ids[j] as string;
        if (Number.isNaN(ms) || seen.has(id)) continue;
        seen.add(id);
        insertPoint(
          out,
          existing,
          ms,
          p.slotDay[j] as number,
          p.slotValue[j] as number,
          p.slotConfidence[j] as number,
          id,
        );
      }
    }
  }
  return out;
}

/**
 * A summary back from structured clone (IndexedDB): the maps are rebuilt from the key columns,
 * since a stored copy should not carry two versions of the same fact.
 */
export function reviveCheckInSummary(stored: StoredCheckInSummary): CheckInSummary {
  const seriesOrdinal = new Map<string, number>();
  const keyResultSeriesOfGoal = new Map<string, number[]>();
  for (let k = 0; k < stored.seriesKeys.length; k++) {
    const key = stored.seriesKeys[k] as string;
    const goal = stored.seriesGoals[k] as string;
    seriesOrdinal.set(key, k);
    if (goal === key) continue;
    const list = keyResultSeriesOfGoal.get(goal);
    if (list === undefined) keyResultSeriesOfGoal.set(goal, [k]);
    else list.push(k);
  }
  const { slotIds: _joined, ...columns } = stored;
  return { ...columns, slotId: slotIdsOf(stored), seriesOrdinal, keyResultSeriesOfGoal };
}
