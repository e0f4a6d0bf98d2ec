import type { CheckedCard } from './card-checks.ts';
import { checkCard } from './card-checks.ts';
import { CardPlan } from './card-plan.ts';
import type { ScorecardInput } from './input.ts';
import type { RaterReview, RaterSection } from './raters.ts';
import { RATER_GROUPS } from './raters.ts';

/**
 * The fast way into `scoreCard` for the cards of one cycle (S7.6). Every card of a cycle repeats
 * the same frame (scale, indicators with their standards and weights, formula, rater group
 * weights and anonymity); only the person (rateeId, actuals, reviews) differs. Reading the frame
 * through zod and the cross-field checks is most of the cost of a card, and its answer depends on
 * the frame alone, so it is checked once, through {@link checkCard}, together with a copy of what
 * was read; the next card whose frame equals the copy by value reuses the answer. The person's
 * part is checked here by hand, against the same rules.
 *
 * Whenever anything is unusual (a frame that was refused, an input that is not plain JSON data,
 * any problem with the person's part), {@link prepareCard} answers null and the card takes the
 * long way, so every refusal and its message come from `checkCard` and nothing else.
 */

interface Frame {
  /** A copy of the frame as it was read, to recognise the next card that repeats it. */
  raw: FrameParts;
  /** The checked frame, or false when it was refused; the long way then says why. */
  checked: Checked | false;
}

interface Checked {
  /** The checked card of the frame; `rateeId`, `actuals` and reviews are filled in per person. */
  card: ScorecardInput;
  formula: CheckedCard['formula'];
  keys: ReadonlySet<string>;
  plan: CardPlan;
}

/** What a card's frame is made of, as read from the input. */
type FrameParts = readonly [unknown, unknown, unknown, unknown, unknown, unknown, boolean];

/** Frames seen lately, the last used first. A cycle's cards all hit the first one. */
const frames: Frame[] = [];
const FRAME_CACHE_SIZE = 16;
/** A rateeId no review can name: the probe card is checked with no person at all. */
const PROBE_ID = 'frame-probe';
/** What zod's `Id` accepts; the length bound is checked apart. */
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const GROUPS: ReadonlySet<string> = new Set(RATER_GROUPS);
const isEnumerable = Object.prototype.propertyIsEnumerable;
/** Marks a value `copyPlain` cannot keep: not JSON-shaped data. */
const NOT_PLAIN = Symbol('not plain');

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype;
}

/** A kept plain object: its own keys and their values, in the order they were read. */
class KeptObject {
  constructor(
    readonly keys: readonly string[],
    readonly values: readonly unknown[],
  ) {}
}

/**
 * A deep copy of plain JSON-shaped data (plain objects with enumerable string keys, arrays,
 * strings, numbers, booleans, null, undefined), or NOT_PLAIN for anything else (functions, dates,
 * class instances, symbols, hidden keys): such a frame is never cached.
 */
function copyPlain(x: unknown): unknown {
  if (typeof x !== 'object' || x === null) {
    return typeof x === 'function' || typeof x === 'symbol' || typeof x === 'bigint'
      ? NOT_PLAIN
      : x;
  }
  if (Array.isArray(x)) {
    if (Object.getPrototypeOf(x) !== Array.prototype) return NOT_PLAIN;
    const out: unknown[] = [];
    for (const v of x as unknown[]) {
      const c = copyPlain(v);
      if (c === NOT_PLAIN) return NOT_PLAIN;
      out.push(c);
    }
    return out;
  }
  if (!isPlainObject(x)) return NOT_PLAIN;
  const keys: string[] = [];
  const values: unknown[] = [];
  for (const k of Reflect.ownKeys(x)) {
    if (typeof k !== 'string' || k === '__proto__' || !isEnumerable.call(x, k)) return NOT_PLAIN;
    const c = copyPlain(x[k]);
    if (c === NOT_PLAIN) return NOT_PLAIN;
    keys.push(k);
    values.push(c);
  }
  return new KeptObject(keys, values);
}

/** Turns a `copyPlain` result back into plain data, to be checked like any input. */
function unkeep(kept: unknown): unknown {
  if (kept instanceof KeptObject) {
    const out: Record<string, unknown> = {};
    kept.keys.forEach((k, i) => (out[k] = unkeep(kept.values[i])));
    return out;
  }
  return Array.isArray(kept) ? kept.map(unkeep) : kept;
}

/**
 * Whether `x` is the same plain data as `kept` (a `copyPlain` result): as many enumerable own
 * keys, each kept key with the same value (in any order: zod reads objects by name, records by
 * key), arrays of the same length, numbers by Object.is (-0 is not 0). A kept key whose value is
 * undefined may be absent from `x`, which zod reads the same way.
 *
 * Known limit: keys that `Object.keys` does not list (non-enumerable or symbol keys, which no
 * JSON text, Yjs map or object literal makes) are not compared, because listing them cost more
 * than the rest of the comparison; an input made with `Object.defineProperty` to hide a field
 * could be taken for the frame it otherwise equals. Comparing `Reflect.ownKeys` would close it.
 */
function samePlain(kept: unknown, x: unknown): boolean {
  if (kept instanceof KeptObject) {
    if (!isPlainObject(x)) return false;
    const { keys, values } = kept;
    if (Object.keys(x).length !== keys.length) return false;
    for (let i = 0; i < keys.length; i++) {
      if (!samePlain(values[i], x[keys[i] as string])) return false;
    }
    return true;
  }
  if (Array.isArray(kept)) {
    if (!Array.isArray(x) || Object.getPrototypeOf(x) !== Array.prototype) return false;
    if (x.length !== kept.length) return false;
    for (let i = 0; i < kept.length; i++)
      if (!samePlain(kept[i], (x as unknown[])[i])) return false;
    return true;
  }
  return Object.is(kept, x);
}

function sameFrame(kept: FrameParts, parts: FrameParts): boolean {
  for (let i = 0; i < kept.length; i++) if (!samePlain(kept[i], parts[i])) return false;
  return true;
}

function frameOf(input: Record<string, unknown>, raters: unknown): Checked | false | null {
  const r = raters as Partial<RaterSection> | undefined;
  const parts: FrameParts = [
    input.version,
    input.scale,
    input.indicators,
    input.formula,
    r?.groupWeights,
    r?.anonymity,
    r !== undefined,
  ];
  for (let i = 0; i < frames.length; i++) {
    const known = frames[i] as Frame;
    if (sameFrame(known.raw, parts)) {
      if (i > 0) {
        frames.splice(i, 1);
        frames.unshift(known);
      }
      return known.checked;
    }
  }
  const raw = copyPlain(parts) as FrameParts | typeof NOT_PLAIN;
  if (raw === NOT_PLAIN) return null;
  // The copy is what is checked: the answer then holds for exactly what samePlain compares.
  const frame: Frame = { raw, checked: checkFrame(unkeep(raw) as FrameParts) };
  frames.unshift(frame);
  if (frames.length > FRAME_CACHE_SIZE) frames.pop();
  return frame.checked;
}

/** Checks a frame alone, the long way: a card with no person, no actual and no review. */
function checkFrame(parts: FrameParts): Checked | false {
  const [version, scale, indicators, formula, groupWeights, anonymity, rated] = parts;
  const probe: Record<string, unknown> = {
    version,
    scale,
    indicators,
    formula,
    rateeId: PROBE_ID,
    actuals: {},
  };
  if (rated) probe.raters = { groupWeights, anonymity, reviews: [] };
  const checked = checkCard(probe);
  if (!checked.ok) return false;
  const keys = new Set(checked.value.card.indicators.map((i) => i.key));
  // An indicator named like a property every object has cannot be told from a missing actual
  // by a plain lookup; such cards always take the long way.
  if ([...keys].some((k) => k in Object.prototype)) return false;
  const { card } = checked.value;
  return { card, formula: checked.value.formula, keys, plan: new CardPlan(card) };
}

function isId(x: unknown): x is string {
  return typeof x === 'string' && x.length <= 120 && ID.test(x);
}

/** The actuals as `checkCard` would read them, or null when any of them is not plainly fine. */
function readActuals(
  raw: unknown,
  keys: ReadonlySet<string>,
): Record<string, number | null> | null {
  if (raw === undefined) return {};
  if (!isPlainObject(raw) || Object.getOwnPropertySymbols(raw).length > 0) return null;
  const out: Record<string, number | null> = {};
  for (const k of Object.keys(raw)) {
    const v = raw[k];
    if (!keys.has(k)) return null; // unknown-actual: the long way words it
    if (v !== null && !(typeof v === 'number' && Number.isFinite(v))) return null;
    out[k] = v;
  }
  return out;
}

/** The reviews as `checkCard` would read them, or null at the first doubt (S4.1). */
function readReviews(raw: unknown, rateeId: string, card: ScorecardInput): RaterReview[] | null {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || Object.getPrototypeOf(raw) !== Array.prototype) return null;
  const out: RaterReview[] = [];
  const seen = new Set<string>();
  for (const r of raw as unknown[]) {
    if (!isPlainObject(r)) return null;
    const { reviewerId, group, rating, submitted } = r;
    if (!isId(reviewerId) || typeof group !== 'string' || !GROUPS.has(group)) return null;
    if (typeof rating !== 'number' || !Number.isFinite(rating)) return null;
    if (submitted !== undefined && typeof submitted !== 'boolean') return null;
    if ((group === 'self') !== (reviewerId === rateeId)) return null;
    if (rating < card.scale.min || rating > card.scale.max || seen.has(reviewerId)) return null;
    seen.add(reviewerId);
    out.push({
      reviewerId,
      group: group as RaterReview['group'],
      rating,
      submitted: submitted ?? true,
    });
  }
  return out;
}

/**
 * The checked card for `input` when its frame was checked before and its person's part is
 * plainly valid; null sends the card the long way ({@link checkCard}), which alone refuses.
 */
export function prepareCard(input: unknown): { ok: true; value: CheckedCard } | null {
  if (!isPlainObject(input)) return null;
  const raters = input.raters;
  if (raters !== undefined && !isPlainObject(raters)) return null;
  const frame = frameOf(input, raters);
  if (!frame) return null;
  const rateeId = input.rateeId;
  if (!isId(rateeId)) return null;
  const actuals = readActuals(input.actuals, frame.keys);
  if (actuals === null) return null;
  const card: ScorecardInput = { ...frame.card, rateeId, actuals };
  if (raters !== undefined) {
    const reviews = readReviews(raters.reviews, rateeId, frame.card);
    if (reviews === null || !frame.card.raters) return null;
    card.raters = { ...frame.card.raters, reviews };
  }
  return { ok: true, value: { card, formula: frame.formula, plan: frame.plan } };
}
