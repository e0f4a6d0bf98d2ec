// Subpath imports: the date-fns index pulls in every function (tens of MB of memory in Node).
import { format as formatDate } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parse } from 'date-fns/parse';

/** Date layouts an import understands; `auto` decides per column (see `detectDateFormat`). */
export type DateFormat = 'auto' | 'YYYY-MM-DD' | 'M/D/YYYY' | 'D/M/YYYY';

/** Which way an ambiguous column such as 3/4/2020 is read when nothing in it decides. */
export type DateOrder = 'month-first' | 'day-first';

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
// date-fns needs a reference date for missing fields; every pattern here has all three fields.
const REFERENCE = new Date(2000, 0, 1);

/**
 * Picks the layout of a whole column of dates. A single 13/4/2020 proves the column is day-first,
 * a single 4/13/2020 that it is month-first; a column where nothing exceeds 12 follows the
 * profile's stated order. Deciding per column, not per cell, keeps 3/4 and 13/4 in one file from
 * being read two different ways.
 */
export function detectDateFormat(
  values: Iterable<string>,
  order: DateOrder,
): Exclude<DateFormat, 'auto'> {
  return detectDateLayout(values, order).layout;
}

/** A column's layout and what decided it: its own values, or the profile's order for lack of them. */
export interface DateLayoutDecision {
  layout: Exclude<DateFormat, 'auto'>;
  /** `order`: slashed dates where no value exceeds 12, read in the profile's stated order. */
  decidedBy: 'iso' | 'data' | 'order';
}

/**
 * `detectDateFormat` with its reason, so the import report can warn when a column's reading was an
 * assumption (every value could be day-first or month-first) rather than something the file showed.
 */
export function detectDateLayout(values: Iterable<string>, order: DateOrder): DateLayoutDecision {
  let dayFirst = false;
  let monthFirst = false;
  let slashed = false;
  for (const value of values) {
    const m = SLASHED.exec(value);
    if (!m) continue;
    slashed = true;
    if (Number(m[1]) > 12) dayFirst = true;
    if (Number(m[2]) > 12) monthFirst = true;
  }
  if (!slashed) return { layout: 'YYYY-MM-DD', decidedBy: 'iso' };
  if (dayFirst && !monthFirst) return { layout: 'D/M/YYYY', decidedBy: 'data' };
  if (monthFirst && !dayFirst) return { layout: 'M/D/YYYY', decidedBy: 'data' };
  return { layout: order === 'day-first' ? 'D/M/YYYY' : 'M/D/YYYY', decidedBy: 'order' };
}

/**
 * Parses one cell into `YYYY-MM-DD`, or null when it is not a real date in that layout (31/2, a
 * two-digit year, free text). ISO cells are accepted in any column because XLSX date cells arrive
 * as ISO days whatever the sheet's display format was.
 */
export function parseDate(value: string, layout: Exclude<DateFormat, 'auto'>): string | null {
  const iso = ISO.exec(value);
  let pattern: string;
  let text: string;
  if (iso) {
    pattern = 'yyyy-M-d';
    text = `${iso[1]}-${iso[2]}-${iso[3]}`;
  } else {
    const m = SLASHED.exec(value);
    if (!m || layout === 'YYYY-MM-DD') return null;
    pattern = layout === 'M/D/YYYY' ? 'M/d/yyyy' : 'd/M/yyyy';
    text = `${m[1]}/${m[2]}/${m[3]}`;
  }
  const date = parse(text, pattern, REFERENCE);
  return isValid(date) ? formatDate(date, 'yyyy-MM-dd') : null;
}
