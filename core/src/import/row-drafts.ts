import type { EmploymentStatus } from '../model/org.ts';
import type { IndicatorColumn, ImportProfile } from './profile.ts';
import type { ColumnIndex } from './columns.ts';
import { parseDate } from './dates.ts';
import {
  collapseSpaces,
  idFragment,
  safeIdPart,
  splitName,
  type NameParts,
} from './person-names.ts';
import type { RowIssue, TableRow } from './table.ts';

/** One row read through a profile, before managers and units are resolved. */
export interface PersonDraft {
  line: number;
  externalId: string;
  id: string;
  name: NameParts;
  title: string;
  department: string;
  team: string;
  region: string;
  email: string | null;
  status: EmploymentStatus;
  hiredOn: string | null;
  leftOn: string | null;
  managerName: string;
  managerExternalId: string;
  rating: { value: number; label: string; date: string | null } | null;
  indicators: { spec: IndicatorColumn; value: number; asOf: string | null }[];
}

/** A row read through a profile: its draft, or the reasons it cannot be imported. */
export type DraftResult =
  | { ok: true; draft: PersonDraft; repaired: RowIssue[] }
  | { ok: false; rejected: RowIssue[]; name: NameParts | null; externalId: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PLAIN = /^-?\d+(\.\d+)?$/;
const NUMBER = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)%?$/;

/**
 * The largest size of a figure an import takes (10^15): far beyond any quota or headcount, and
 * small enough that sums and averages over a whole organisation stay exact and finite.
 */
export const FIGURE_LIMIT = 1e15;
const SCIENTIFIC = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)e[+-]?\d+$/i;

function inRange(value: number): number | null {
  return Number.isFinite(value) && Math.abs(value) <= FIGURE_LIMIT ? value : null;
}

/**
 * Reads a figure as written in exports: "4.6", "4,6" (semicolon files), "80%", "1.5E+03"
 * (spreadsheets). Null when it is no number or lies beyond `FIGURE_LIMIT` (`figureProblem` says
 * which).
 */
export function parseFigure(text: string): number | null {
  // Fast path for the plain figures that fill large files: no copies, one regex test.
  if (PLAIN.test(text)) return inRange(Number(text));
  const t = text.replace(/\s/g, '');
  if (!NUMBER.test(t) && !SCIENTIFIC.test(t)) return null;
  return inRange(Number(t.replace(',', '.').replace('%', '')));
}

/** Why `parseFigure` refused `text`, in words for a report (after the quoted text). */
export function figureProblem(text: string): { reason: string; message: string } {
  const t = text.replace(/\s/g, '');
  return NUMBER.test(t) || SCIENTIFIC.test(t)
    ? { reason: 'out-of-range', message: `is out of range (figures are at most 1e15 in size)` }
    : { reason: 'invalid-number', message: 'is not a number' };
}

/**
 * Reads one table row through the profile into a draft. Every problem of the row is collected, not
 * only the first, so HR can fix a line in one go.
 */
export function readDraft(
  row: TableRow,
  profile: ImportProfile,
  columns: ColumnIndex,
): DraftResult {
  const { line } = row;
  const rejected: RowIssue[] = [];
  const repaired: RowIssue[] = [];
  const cell = (column: string | undefined): string => {
    if (column === undefined) return '';
    const at = columns.index.get(column);
    return at === undefined ? '' : (row.cells[at] ?? '');
  };
  const reject = (field: string, reason: string, message: string): void => {
    rejected.push({ line, field, reason, message: `line ${line}: ${message}` });
  };
  const date = (column: string | undefined, what: string): string | null => {
    const text = cell(column);
    if (column === undefined || text === '') return null;
    const layout = columns.dateLayouts.get(column) ?? 'YYYY-MM-DD';
    const parsed = parseDate(text, layout);
    if (parsed === null)
      reject(column, 'invalid-date', `${what} "${text}" is not a date in ${layout}`);
    return parsed;
  };

  const c = profile.columns;
  const name = readName(row, profile, cell, reject, repaired);
  let externalId = cell(c.id);
  if (externalId === '') {
    if (profile.ids.whenMissing === 'from-name' && name !== null) {
      externalId = idFragment(name.display);
      repaired.push({
        line,
        field: c.id,
        reason: 'id-derived',
        message: `line ${line}: no ${c.id}; the id "${externalId}" was derived from the name`,
      });
    } else {
      reject(c.id, 'missing-id', `the ${c.id} cell is empty`);
    }
  }

  let email: string | null = cell(c.email).toLowerCase() || null;
  if (email !== null && !EMAIL.test(email)) {
    repaired.push({
      line,
      field: c.email ?? 'email',
      reason: 'invalid-email',
      message: `line ${line}: "${email}" is not an e-mail address; left empty`,
    });
    email = null;
  }

  const statusText = cell(c.status).toLowerCase();
  const matches = (values: string[]): boolean => values.some((v) => v.toLowerCase() === statusText);
  const status: EmploymentStatus =
    statusText === ''
      ? 'active'
      : matches(profile.statusValues.terminated)
        ? 'terminated'
        : matches(profile.statusValues.leave)
          ? 'leave'
          : 'active';

  const hiredOn = date(c.hireDate, 'hire date');
  const leftOn = date(c.leftDate, 'leaving date');
  const rating = readRating(profile, cell, date, reject);
  const indicators: PersonDraft['indicators'] = [];
  for (const spec of profile.indicators) {
    const text = cell(spec.column);
    if (text === '') continue;
    const value = parseFigure(text);
    if (value === null) {
      const problem = figureProblem(text);
      reject(spec.column, problem.reason, `${spec.column} "${text}" ${problem.message}`);
    } else indicators.push({ spec, value, asOf: date(spec.asOfColumn, `${spec.label} date`) });
  }

  if (rejected.length > 0 || name === null) return { ok: false, rejected, name, externalId };
  const draft: PersonDraft = {
    line,
    externalId,
    id: `${profile.ids.personPrefix}${safeIdPart(externalId)}`,
    name,
    title: collapseSpaces(cell(c.title)),
    department: collapseSpaces(cell(c.department)),
    team: collapseSpaces(cell(c.team)),
    region: collapseSpaces(cell(c.region)),
    email,
    status,
    hiredOn,
    leftOn,
    managerName: cell(c.managerName),
    managerExternalId: cell(c.managerId),
    rating,
    indicators,
  };
  return { ok: true, draft, repaired };
}

function readName(
  row: TableRow,
  profile: ImportProfile,
  cell: (column: string | undefined) => string,
  reject: (field: string, reason: string, message: string) => void,
  repaired: RowIssue[],
): NameParts | null {
  const c = profile.columns;
  if (c.name !== undefined) {
    const raw = cell(c.name);
    if (raw === '') {
      reject(c.name, 'missing-name', `the ${c.name} cell is empty`);
      return null;
    }
    if (/\s{2,}/.test(raw)) {
      repaired.push({
        line: row.line,
        field: c.name,
        reason: 'collapsed-spaces',
        message: `line ${row.line}: repeated spaces in "${raw}" squeezed to one`,
      });
    }
    return splitName(raw, profile.names.order);
  }
  if (c.firstName !== undefined || c.lastName !== undefined) {
    const first = collapseSpaces(cell(c.firstName));
    const middle = collapseSpaces(cell(c.middleName));
    const last = collapseSpaces(cell(c.lastName));
    if (c.firstName !== undefined && first === '') {
      reject(c.firstName, 'missing-name', `the first name (${c.firstName}) is required`);
    }
    if (c.lastName !== undefined && last === '') {
      reject(c.lastName, 'missing-name', `the last name (${c.lastName}) is required`);
    }
    if ((c.firstName !== undefined && first === '') || (c.lastName !== undefined && last === '')) {
      return null;
    }
    const middles = middle === '' ? [] : middle.split(' ');
    return {
      display: [first, ...middles, last].filter((p) => p !== '').join(' '),
      first,
      middle: middles,
      last,
    };
  }
  const display = profile.names.template.replace('{id}', cell(c.id));
  return { display, first: display, middle: [], last: '' };
}

function readRating(
  profile: ImportProfile,
  cell: (column: string | undefined) => string,
  date: (column: string | undefined, what: string) => string | null,
  reject: (field: string, reason: string, message: string) => void,
): PersonDraft['rating'] {
  const spec = profile.rating;
  if (spec === undefined) return null;
  const text = cell(spec.column);
  // A blank rating means "not rated yet" (a new joiner), which is not the lowest rating.
  if (text === '') return null;
  let value: number | null;
  let label = '';
  if (spec.labels !== undefined) {
    const key = Object.keys(spec.labels).find((l) => l.toLowerCase() === text.toLowerCase());
    value = key === undefined ? null : (spec.labels[key] ?? null);
    label = key ?? '';
  } else {
    value = parseFigure(text);
  }
  if (value === null || value < spec.scaleMin || value > spec.scaleMax) {
    const known = spec.labels
      ? Object.keys(spec.labels).join(', ')
      : `${spec.scaleMin}-${spec.scaleMax}`;
    reject(spec.column, 'invalid-rating', `rating "${text}" is not one of ${known}`);
    return null;
  }
  return { value, label, date: date(spec.dateColumn, 'rating date') };
}
