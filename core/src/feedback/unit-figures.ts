import type { Directory } from '../docs/directory.ts';
import { latestRating, type PersonRecord } from '../docs/record.ts';
import type { Person } from '../model/org.ts';
import type { FigureRow } from './unit-averages.ts';

/** The figure key under which a person's latest prior rating is compared (F1.5). */
export const PRIOR_RATING_KEY = 'prior-rating';

/**
 * The unit a person is compared with (F1.5): their department (the nearest unit of kind
 * `department` above or at their unit) when `level` is "department", else their own unit.
 * Imports make one team per manager, often of two or three people, too few for a fair average.
 */
export function comparisonUnitId(
  directory: Directory,
  person: Pick<Person, 'unitId'>,
  level: 'department' | 'unit' = 'department',
): string | null {
  if (level === 'unit') return person.unitId;
  const seen = new Set<string>();
  let current = person.unitId;
  while (current !== null && !seen.has(current)) {
    seen.add(current);
    const unit = directory.units.get(current);
    if (!unit) return null;
    if (unit.kind === 'department') return unit.id;
    current = unit.parentId;
  }
  return person.unitId;
}

/** A record's figures by key: every indicator's value and the latest prior rating (F1.5). */
export function recordFigures(record: PersonRecord): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of record.indicators) out[key] = value.value;
  const rating = latestRating(record);
  if (rating) out[PRIOR_RATING_KEY] = rating.value;
  return out;
}

/**
 * One figure row per person with a record, grouped under their comparison unit (F1.5): the input
 * of `unitAverages`. Terminated people are left out; so is anyone without a unit.
 */
export function figureRows(
  directory: Directory,
  records: ReadonlyMap<string, PersonRecord>,
  level: 'department' | 'unit' = 'department',
): FigureRow[] {
  const rows: FigureRow[] = [];
  for (const [personId, record] of records) {
    const person = directory.people.get(personId);
    if (!person || person.status === 'terminated') continue;
    const unitId = comparisonUnitId(directory, person, level);
    if (unitId === null) continue;
    rows.push({ unitId, figures: recordFigures(record) });
  }
  return rows;
}
