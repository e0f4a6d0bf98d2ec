import type * as Y from 'yjs';
import type { ImportPlan } from '../import/outcome.ts';
import { DIRECTORY_MAPS } from './directory.ts';
import { docName } from './names.ts';
import { RECORD_MAPS } from './record.ts';

/** What applying a plan changed: documents touched and entries written. */
export interface ApplyImportResult {
  changed: { docs: number; entries: number };
}

/** Structural equality of JSON values, ignoring key order (Yjs hands back stored objects as decoded). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const rb = b as Record<string, unknown>;
  const ra = a as Record<string, unknown>;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && sameJson(ra[k], rb[k]));
}

type Write = { map: string; key: string; value: unknown };

/**
 * Writes the entries that differ from what the document holds, all in one transaction; no
 * transaction at all when nothing differs, so a repeated import sends no update to anyone.
 */
function writeChanged(doc: Y.Doc, writes: Write[]): number {
  const pending = writes.filter((w) => !sameJson(doc.getMap<unknown>(w.map).get(w.key), w.value));
  if (pending.length === 0) return 0;
  doc.transact(() => {
    for (const w of pending) doc.getMap<unknown>(w.map).set(w.key, w.value);
  }, 'import');
  return pending.length;
}

/**
 * Applies an import plan to the directory document and each person's record document. It only
 * adds and replaces entries (people absent from the file are left alone: a partial export must
 * not delete anyone), and it only writes entries that differ, so importing the same file twice
 * changes nothing. The organisation entry is written only when the directory has none, because
 * its settings belong to the admin once they exist.
 */
export function applyImportPlan(
  plan: ImportPlan,
  openDoc: (name: string) => Y.Doc,
): ApplyImportResult {
  const org = plan.org.id;
  let docs = 0;
  let entries = 0;
  const directory = openDoc(docName({ kind: 'directory', org }));
  const dirWrites: Write[] = [];
  if (directory.getMap<unknown>(DIRECTORY_MAPS.meta).get('org') === undefined) {
    dirWrites.push({ map: DIRECTORY_MAPS.meta, key: 'org', value: plan.org });
  }
  for (const unit of plan.units)
    dirWrites.push({ map: DIRECTORY_MAPS.units, key: unit.id, value: unit });
  for (const region of plan.regions) {
    dirWrites.push({ map: DIRECTORY_MAPS.regions, key: region.id, value: region });
  }
  for (const person of plan.people) {
    dirWrites.push({ map: DIRECTORY_MAPS.people, key: person.id, value: person });
  }
  const dirChanged = writeChanged(directory, dirWrites);
  if (dirChanged > 0) docs++;
  entries += dirChanged;

  for (const record of plan.records) {
    const doc = openDoc(docName({ kind: 'person-record', org, person: record.personId }));
    const writes: Write[] = [
      ...record.ratings.map((r) => ({ map: RECORD_MAPS.ratings, key: r.id, value: r })),
      ...record.indicators.map((i) => ({ map: RECORD_MAPS.indicators, key: i.key, value: i })),
    ];
    const changed = writeChanged(doc, writes);
    if (changed > 0) docs++;
    entries += changed;
  }
  return { changed: { docs, entries } };
}
