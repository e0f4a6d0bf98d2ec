import type * as Y from 'yjs';
import { z } from 'zod';
import { IndicatorValue, PriorRating } from '../model/performance.ts';
import { IsoDate } from '../model/ids.ts';
import { readEntries, type InvalidEntry } from './directory.ts';

/** A dated note a manager keeps on a person's record (visible to the person, chain and HR). */
export const RecordNote = z.object({
  id: z.string().min(1),
  authorId: z.string().min(1),
  date: IsoDate,
  text: z.string().min(1).max(4000),
});
export type RecordNote = z.infer<typeof RecordNote>;

/** Top-level type names of an `org/{org}/person/{p}/record` document. */
export const RECORD_MAPS = {
  ratings: 'ratings',
  indicators: 'indicators',
  notes: 'notes',
} as const;

/** A validated view of one person's record: prior ratings, indicator figures, manager notes. */
export interface PersonRecord {
  ratings: Map<string, PriorRating>;
  indicators: Map<string, IndicatorValue>;
  notes: RecordNote[];
  invalid: InvalidEntry[];
}

export function readRecord(doc: Y.Doc): PersonRecord {
  const invalid: InvalidEntry[] = [];
  const notes: RecordNote[] = [];
  doc
    .getArray<unknown>(RECORD_MAPS.notes)
    .toArray()
    .forEach((raw, i) => {
      const parsed = RecordNote.safeParse(raw);
      if (parsed.success) notes.push(parsed.data);
      else invalid.push({ map: 'notes', key: String(i), message: parsed.error.message });
    });
  return {
    ratings: readEntries(doc, RECORD_MAPS.ratings, PriorRating, invalid),
    indicators: readEntries(doc, RECORD_MAPS.indicators, IndicatorValue, invalid),
    notes,
    invalid,
  };
}

/**
 * The most recent prior rating (by date, undated last), or null when there is none. Ratings dated
 * after `asOf` are not yet history and are skipped, so a mistyped 2099 cannot stay "latest"
 * forever.
 */
export function latestRating(record: PersonRecord, asOf?: string): PriorRating | null {
  let best: PriorRating | null = null;
  for (const r of record.ratings.values()) {
    if (asOf !== undefined && r.date !== null && r.date > asOf) continue;
    if (best === null || (r.date ?? '') > (best.date ?? '')) best = r;
  }
  return best;
}
