import { fail, ok, type Result } from '../model/result.ts';
import { detectDateLayout, type DateFormat } from './dates.ts';
import type { ImportProfile } from './profile.ts';
import type { RowIssue, Table } from './table.ts';

/** Where each column a profile names sits in the table, and how each date column is laid out. */
export interface ColumnIndex {
  /** Header name as written in the profile -> cell index. */
  index: ReadonlyMap<string, number>;
  /** Header name -> the date layout decided for the whole column. */
  dateLayouts: ReadonlyMap<string, Exclude<DateFormat, 'auto'>>;
  /** Header names (as in the file) the profile reads; repairs elsewhere are not worth reporting. */
  used: ReadonlySet<string>;
  /** Date columns read in the profile's order because no value decided it: a warning for HR. */
  assumedDateOrder: RowIssue[];
}

/** Every header name the profile refers to, so a missing one is caught before any row is read. */
export function profileColumns(profile: ImportProfile): string[] {
  const names = Object.values(profile.columns).filter((c): c is string => c !== undefined);
  if (profile.rating) {
    names.push(profile.rating.column);
    if (profile.rating.dateColumn) names.push(profile.rating.dateColumn);
  }
  for (const indicator of profile.indicators) {
    names.push(indicator.column);
    if (indicator.asOfColumn) names.push(indicator.asOfColumn);
  }
  return [...new Set(names)];
}

function dateColumns(profile: ImportProfile): string[] {
  const names = [profile.columns.hireDate, profile.columns.leftDate, profile.rating?.dateColumn];
  for (const indicator of profile.indicators) names.push(indicator.asOfColumn);
  return [...new Set(names.filter((c): c is string => c !== undefined))];
}

/**
 * Finds the profile's columns in the header: exact match first, then ignoring case, because hand
 * written profiles and re-saved exports disagree on capitals. All missing columns are named at
 * once.
 */
export function resolveColumns(
  table: Table,
  profile: ImportProfile,
): Result<ColumnIndex, 'missing-column'> {
  const index = new Map<string, number>();
  const used = new Set<string>();
  const missing: string[] = [];
  const lower = table.header.map((h) => h.toLowerCase());
  for (const name of profileColumns(profile)) {
    let at = table.header.indexOf(name.trim());
    if (at === -1) at = lower.indexOf(name.trim().toLowerCase());
    if (at === -1) missing.push(name);
    else {
      index.set(name, at);
      used.add(table.header[at] ?? name);
    }
  }
  if (missing.length > 0) {
    return fail(
      'missing-column',
      `the profile "${profile.name}" needs column(s) ${missing.map((m) => `"${m}"`).join(', ')}, ` +
        `which the file's header does not have`,
      { missing, header: table.header },
    );
  }
  const dateLayouts = new Map<string, Exclude<DateFormat, 'auto'>>();
  const assumedDateOrder: RowIssue[] = [];
  for (const name of dateColumns(profile)) {
    const at = index.get(name) ?? -1;
    const format = profile.dates.format;
    if (format !== 'auto') {
      dateLayouts.set(name, format);
      continue;
    }
    const order = profile.dates.ambiguousOrder;
    const decision = detectDateLayout(
      table.rows.map((r) => r.cells[at] ?? ''),
      order,
    );
    dateLayouts.set(name, decision.layout);
    if (decision.decidedBy === 'order') {
      const other = decision.layout === 'M/D/YYYY' ? 'D/M/YYYY' : 'M/D/YYYY';
      assumedDateOrder.push({
        line: 1,
        field: name,
        reason: 'date-order-assumed',
        message:
          `no date in column "${name}" shows whether it is day-first or month-first; read as ` +
          `${decision.layout} (${order}). If the file is ${other}, import again with ` +
          `--date-format ${other}.`,
      });
    }
  }
  return ok({ index, dateLayouts, used, assumedDateOrder });
}
