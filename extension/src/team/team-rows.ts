import {
  directReports,
  latestRating,
  type Directory,
  type IndicatorValue,
  type PersonRecord,
  type PriorRating,
} from '../core-browser.ts';

/** One line of the "My team" list, plain data so the view is a pure function of the documents. */
export interface TeamRow {
  personId: string;
  name: string;
  title: string;
  /** The name of the person's unit; the id when the unit is missing from the directory. */
  unitName: string;
  onLeave: boolean;
  /** `loading`: the record doc is not loaded yet; `denied`: the server refused it. */
  record: 'loaded' | 'loading' | 'denied';
  rating: PriorRating | null;
  /** Indicator figures ordered by label, so the order is stable between renders. */
  indicators: IndicatorValue[];
  noteCount: number;
}

/** What the list knows about one report's record document. */
export type RecordSlot =
  { state: 'loaded'; record: PersonRecord } | { state: 'loading' } | { state: 'denied' };

/**
 * The rows of the manager's team: active and on-leave direct reports (people who left are not
 * managed any more), sorted by name, each with their latest rating and indicator figures from
 * their record document.
 */
export function teamRows(
  directory: Directory,
  managerId: string,
  records: ReadonlyMap<string, RecordSlot>,
  asOf?: string,
): TeamRow[] {
  return directReports(directory.people, managerId)
    .filter((p) => p.status !== 'terminated')
    .map((person) => {
      const slot = records.get(person.id) ?? { state: 'loading' };
      const record = slot.state === 'loaded' ? slot.record : null;
      const unit = person.unitId === null ? undefined : directory.units.get(person.unitId);
      return {
        personId: person.id,
        name: person.name,
        title: person.title,
        unitName: unit?.name ?? person.unitId ?? '',
        onLeave: person.status === 'leave',
        record: slot.state,
        rating: record ? latestRating(record, asOf) : null,
        indicators: record
          ? [...record.indicators.values()].sort(
              (a, b) => a.label.localeCompare(b.label) || a.key.localeCompare(b.key),
            )
          : [],
        noteCount: record?.notes.length ?? 0,
      };
    });
}

/** A compact, language-neutral rendering of a rating: `Fully Meets · 3/5` or `3/5`. */
export function formatRating(rating: PriorRating): string {
  const score = `${formatNumber(rating.value)}/${formatNumber(rating.scaleMax)}`;
  return rating.label.trim() === '' ? score : `${rating.label.trim()} · ${score}`;
}

/** Numbers without float noise (0.1 + 0.2 shows as 0.3) and without trailing zeros. */
export function formatNumber(value: number): string {
  return String(Number(value.toFixed(2)));
}
