import {
  IndicatorValue,
  RECORD_MAPS,
  RecordNote,
  fail,
  ok,
  type IsoDate,
  type Result,
} from '../core-browser.ts';
import type * as Y from 'yjs';

/** Why an edit of a record was not applied. */
export type EditProblem = 'invalid-note' | 'unknown-indicator' | 'invalid-value';

/** Where a manager's correction came from, so an import can tell it from its own figures. */
export const MANAGER_SOURCE = 'manager';

/**
 * Appends a dated note to a person's record. The note is validated against core's RecordNote
 * first: the server and other clients skip invalid entries, so writing one would silently lose it.
 */
export function addNote(doc: Y.Doc, note: RecordNote): Result<RecordNote, EditProblem> {
  const parsed = RecordNote.safeParse({ ...note, text: note.text.trim() });
  if (!parsed.success) {
    return fail('invalid-note', parsed.error.issues[0]?.message ?? 'invalid note');
  }
  doc.getArray<unknown>(RECORD_MAPS.notes).push([parsed.data]);
  return ok(parsed.data);
}

/**
 * Corrects one indicator figure. The whole entry is replaced (INTERNALS: one edit replaces one
 * entry, last writer wins per entry), keeping label, unit and direction, with the new value, the
 * date it is valid for, and `source: manager`.
 */
export function correctIndicator(
  doc: Y.Doc,
  key: string,
  value: number,
  asOf: IsoDate,
): Result<IndicatorValue, EditProblem> {
  const indicators = doc.getMap<unknown>(RECORD_MAPS.indicators);
  const current = IndicatorValue.safeParse(indicators.get(key));
  if (!current.success) return fail('unknown-indicator', `no valid indicator "${key}"`);
  const next = IndicatorValue.safeParse({ ...current.data, value, asOf, source: MANAGER_SOURCE });
  if (!next.success || !Number.isFinite(value)) {
    return fail('invalid-value', next.success ? 'not a finite number' : next.error.message);
  }
  indicators.set(key, next.data);
  return ok(next.data);
}

/** Today's date in the user's time zone, `YYYY-MM-DD`; notes are dated as the manager sees it. */
export function localIsoDate(now: Date): IsoDate {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
