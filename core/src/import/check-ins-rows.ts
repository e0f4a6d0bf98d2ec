import { parseIsoDay } from '../coaching/day-math.ts';
import { slugify } from '../model/ids.ts';
import { fail, ok, type Result } from '../model/result.ts';
import type { CheckInImportProfile } from './check-ins-profile.ts';
import { detectDateFormat, parseDate, type DateFormat } from './dates.ts';
import { parseFigure } from './row-drafts.ts';
import type { RowIssue, Table, TableRow } from './table.ts';

/** One value read from a file: who, which metric, which day, how much, against which target. */
export interface CheckInRowDraft {
  line: number;
  subjectKind: 'person' | 'team';
  subjectId: string;
  subjectName: string;
  metric: string;
  date: string;
  value: number;
  target: number | null;
}

/** What reading the rows gave: drafts, and the rows' problems and repairs. */
export interface CheckInRows {
  drafts: CheckInRowDraft[];
  rejected: RowIssue[];
  repaired: RowIssue[];
  rows: number;
}

/** A person of the directory, as the import matches rows to them. */
export interface KnownPerson {
  id: string;
  name: string;
  externalId: string | null;
  /** Their unit, when the caller knows it: a person without one has no team goal document. */
  unitId?: string | null;
}

/** Options of `readCheckInRows`. */
export interface ReadCheckInRowsOptions {
  /** The last epoch day a figure may be dated; null = no limit. */
  latestDay: number | null;
  knownPeople: readonly KnownPerson[];
  /** Units of the directory: a team row matches one by its derived id, then by name. */
  knownUnits?: readonly { id: string; name: string }[];
  /**
   * Reject a row whose person or team is not known (or whose person has no unit), instead of
   * deriving a new id: an import into a live organisation must not invent teams from a typo.
   */
  requireKnownSubjects?: boolean;
}

/** Lookups built once per read, so a large directory is not scanned for every row. */
interface SubjectIndex {
  peopleByExternalId: Map<string, KnownPerson>;
  peopleByName: Map<string, KnownPerson>;
  unitsById: Map<string, { id: string; name: string }>;
  unitsByName: Map<string, { id: string; name: string }>;
}

function indexSubjects(opts: ReadCheckInRowsOptions): SubjectIndex {
  const index: SubjectIndex = {
    peopleByExternalId: new Map(),
    peopleByName: new Map(),
    unitsById: new Map(),
    unitsByName: new Map(),
  };
  // The first of equal keys wins, as a scan in order would find it.
  for (const p of opts.knownPeople) {
    if (p.externalId !== null && !index.peopleByExternalId.has(p.externalId)) {
      index.peopleByExternalId.set(p.externalId, p);
    }
    const lower = p.name.toLowerCase();
    if (!index.peopleByName.has(lower)) index.peopleByName.set(lower, p);
  }
  for (const u of opts.knownUnits ?? []) {
    index.unitsById.set(u.id, u);
    const lower = u.name.toLowerCase();
    if (!index.unitsByName.has(lower)) index.unitsByName.set(lower, u);
  }
  return index;
}

const CURRENCY = /^[$€£¥]|[$€£¥]$/g;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * Reads an amount as exports write it: plain figures, "4,6", "80%", and money with a currency sign
 * and thousands separators ("$1,234.50"), which sales exports are full of. Null when it is not one.
 */
export function parseAmount(text: string): number | null {
  const plain = parseFigure(text);
  if (plain !== null) return plain;
  const t = text.replace(/\s/g, '').replace(CURRENCY, '');
  if (GROUPED.test(t)) return Number(t.replace(/,/g, ''));
  return parseFigure(t);
}

function find(table: Table, name: string): number {
  const at = table.header.indexOf(name);
  return at !== -1 ? at : table.header.map((h) => h.toLowerCase()).indexOf(name.toLowerCase());
}

/** Reads the subject of a row; pushes problems and repairs; null when the row has none. */
function subjectOf(
  row: TableRow,
  at: number[],
  profile: CheckInImportProfile,
  opts: ReadCheckInRowsOptions,
  index: SubjectIndex,
  rejected: RowIssue[],
  repaired: RowIssue[],
): { id: string; name: string; key: string } | null {
  const spec = profile.subject;
  const cells = spec.columns.map((column, i) => {
    const raw = row.cells[at[i] as number] ?? '';
    const alias = spec.aliases[column]?.[raw] ?? spec.aliases[column]?.[raw.toLowerCase()];
    if (alias !== undefined) {
      repaired.push({
        line: row.line,
        field: column,
        reason: 'alias',
        message: `line ${row.line}: ${column} "${raw}" read as "${alias}"`,
      });
      return alias;
    }
    return raw;
  });
  const blank = spec.columns.filter((_, i) => cells[i] === '');
  if (blank.length > 0) {
    rejected.push({
      line: row.line,
      field: blank[0],
      reason: 'missing-subject',
      message: `line ${row.line}: the ${blank.join(', ')} cell is empty, so the row has no ${spec.kind}`,
    });
    return null;
  }
  const name =
    spec.nameTemplate === undefined
      ? cells.join(' ')
      : spec.columns.reduce(
          (text, column, i) => text.replaceAll(`{${column}}`, cells[i] as string),
          spec.nameTemplate,
        );
  const key = cells.join('\u0000');
  const prefix = spec.idPrefix ?? (spec.kind === 'team' ? 'team-' : 'emp-');
  const derived = `${prefix}${slugify(cells.join(' '))}`;
  const lower = name.toLowerCase();
  const refuse = (reason: string, message: string) => {
    rejected.push({
      line: row.line,
      field: spec.columns[0],
      reason,
      message: `line ${row.line}: ${message}`,
    });
    return null;
  };
  if (spec.kind === 'person') {
    const known = index.peopleByExternalId.get(cells[0] as string) ?? index.peopleByName.get(lower);
    if (known) {
      if (opts.requireKnownSubjects && known.unitId === null) {
        return refuse(
          'person-without-unit',
          `${known.name} (${known.id}) belongs to no unit, so their goals have no team document`,
        );
      }
      return { id: known.id, name: known.name, key };
    }
    if (opts.requireKnownSubjects) {
      return refuse(
        'unknown-person',
        `person "${name}" is not in the organisation's directory (by id or by name)`,
      );
    }
  } else {
    const known = index.unitsById.get(derived) ?? index.unitsByName.get(lower);
    if (known) return { id: known.id, name: known.name, key };
    if (opts.requireKnownSubjects) {
      return refuse(
        'unknown-team',
        `team "${name}" (${derived}) is not a unit of the organisation's directory`,
      );
    }
  }
  return { id: derived, name, key };
}

/**
 * Reads every row (long layout) or every cell (wide layout, unpivoted) into drafts. A problem in a
 * value rejects that value with the line and the column; the file's structure (a missing column,
 * a wide header that is not a date) fails the whole read.
 */
export function readCheckInRows(
  tables: { values: Table; targets?: Table },
  profile: CheckInImportProfile,
  opts: ReadCheckInRowsOptions,
): Result<CheckInRows, 'missing-column' | 'invalid-header'> {
  const table = tables.values;
  const needed = [...profile.subject.columns];
  const layout = profile.layout;
  if (profile.metric.column !== undefined) needed.push(profile.metric.column);
  if (layout.kind === 'long') {
    needed.push(layout.date, layout.value);
    if (layout.target !== undefined) needed.push(layout.target);
  }
  const missing = needed.filter((c) => find(table, c) === -1);
  if (missing.length > 0) {
    return fail(
      'missing-column',
      `the profile "${profile.name}" needs column(s) ${missing.map((m) => `"${m}"`).join(', ')}, ` +
        `which the file's header does not have`,
      { missing, header: table.header },
    );
  }
  const subjectAt = profile.subject.columns.map((c) => find(table, c));
  const index = indexSubjects(opts);
  const metricAt = profile.metric.column === undefined ? -1 : find(table, profile.metric.column);
  const rejected: RowIssue[] = [];
  const repaired: RowIssue[] = [];
  const drafts: CheckInRowDraft[] = [];
  const reject = (line: number, field: string, reason: string, message: string): void => {
    rejected.push({ line, field, reason, message: `line ${line}: ${message}` });
  };
  const checkDate = (line: number, field: string, date: string): boolean => {
    const day = parseIsoDay(date);
    if (opts.latestDay !== null && day > opts.latestDay) {
      reject(line, field, 'future-date', `${date} is in the future; is the year right?`);
      return false;
    }
    return true;
  };
  const used = new Set(needed.map((c) => table.header[find(table, c)] ?? c));
  repaired.push(...table.repaired.filter((r) => r.field === undefined || used.has(r.field)));

  if (layout.kind === 'long') {
    const dateAt = find(table, layout.date);
    const valueAt = find(table, layout.value);
    const targetAt = layout.target === undefined ? -1 : find(table, layout.target);
    const format: Exclude<DateFormat, 'auto'> =
      profile.dates.format === 'auto'
        ? detectDateFormat(
            table.rows.map((r) => r.cells[dateAt] ?? ''),
            profile.dates.ambiguousOrder,
          )
        : profile.dates.format;
    for (const row of table.rows) {
      const line = row.line;
      const before = rejected.length;
      const subject = subjectOf(row, subjectAt, profile, opts, index, rejected, repaired);
      const dateText = row.cells[dateAt] ?? '';
      const date = parseDate(dateText, format);
      if (date === null) {
        reject(line, layout.date, 'invalid-date', `date "${dateText}" is not a date in ${format}`);
      }
      const valueText = row.cells[valueAt] ?? '';
      const value = parseAmount(valueText);
      if (valueText === '')
        reject(line, layout.value, 'missing-value', `the ${layout.value} cell is empty`);
      else if (value === null) {
        reject(
          line,
          layout.value,
          'invalid-number',
          `${layout.value} "${valueText}" is not a number`,
        );
      }
      const targetText = targetAt === -1 ? '' : (row.cells[targetAt] ?? '');
      const target = targetText === '' ? null : parseAmount(targetText);
      if (targetText !== '' && target === null) {
        reject(
          line,
          layout.target ?? '',
          'invalid-number',
          `target "${targetText}" is not a number`,
        );
      }
      const metric = metricAt === -1 ? profile.metric.name : (row.cells[metricAt] ?? '');
      if (metric === '') reject(line, profile.metric.column ?? '', 'missing-metric', 'no metric');
      if (rejected.length > before || subject === null || date === null || value === null) continue;
      if (!checkDate(line, layout.date, date)) continue;
      drafts.push({
        line,
        subjectKind: profile.subject.kind,
        subjectId: subject.id,
        subjectName: subject.name,
        metric,
        date,
        value,
        target,
      });
    }
    return ok({ drafts, rejected, repaired, rows: table.rows.length });
  }

  // Wide: every column that is not the subject (or metric) is a date.
  const dateColumns: { at: number; date: string; header: string }[] = [];
  const bad: string[] = [];
  table.header.forEach((header, at) => {
    if (subjectAt.includes(at) || at === metricAt || header === '') return;
    const date = parseDate(header, 'YYYY-MM-DD') ?? parseDate(header, 'M/D/YYYY');
    if (date === null) bad.push(header);
    else dateColumns.push({ at, date, header });
  });
  if (bad.length > 0 || dateColumns.length === 0) {
    return fail(
      'invalid-header',
      bad.length > 0
        ? `in a wide sheet every column after the subject is a date; ${bad.map((b) => `"${b}"`).join(', ')} is not`
        : 'the sheet has no date columns to unpivot',
      { header: table.header },
    );
  }
  const targetsByKey = new Map<string, TableRow>();
  const targetTable = tables.targets;
  const targetSubjectAt = targetTable
    ? profile.subject.columns.map((c) => find(targetTable, c))
    : [];
  if (targetTable) {
    for (const row of targetTable.rows) {
      targetsByKey.set(targetSubjectAt.map((at) => row.cells[at] ?? '').join('\u0000'), row);
    }
  }
  for (const row of table.rows) {
    const subject = subjectOf(row, subjectAt, profile, opts, index, rejected, repaired);
    if (subject === null) continue;
    const targetRow = targetsByKey.get(subjectAt.map((at) => row.cells[at] ?? '').join('\u0000'));
    if (targetTable && !targetRow) {
      repaired.push({
        line: row.line,
        reason: 'no-target',
        message: `line ${row.line}: "${subject.name}" has no row in the targets sheet`,
      });
    }
    const metric = metricAt === -1 ? profile.metric.name : (row.cells[metricAt] ?? '');
    for (const column of dateColumns) {
      const text = row.cells[column.at] ?? '';
      if (text === '') continue; // an empty month is "no figure yet", not zero
      const value = parseAmount(text);
      if (value === null) {
        reject(
          row.line,
          column.header,
          'invalid-number',
          `${column.header}: "${text}" is not a number`,
        );
        continue;
      }
      let target: number | null = null;
      if (targetRow && targetTable) {
        const tAt = find(targetTable, column.header);
        const tText = tAt === -1 ? '' : (targetRow.cells[tAt] ?? '');
        target = tText === '' ? null : parseAmount(tText);
        if (tText !== '' && target === null) {
          reject(
            targetRow.line,
            column.header,
            'invalid-number',
            `target ${column.header}: "${tText}" is not a number`,
          );
          continue;
        }
      }
      if (!checkDate(row.line, column.header, column.date)) continue;
      drafts.push({
        line: row.line,
        subjectKind: profile.subject.kind,
        subjectId: subject.id,
        subjectName: subject.name,
        metric,
        date: column.date,
        value,
        target,
      });
    }
  }
  return ok({ drafts, rejected, repaired, rows: table.rows.length });
}
