import Papa from 'papaparse';
import { fail, ok, type Result } from '../model/result.ts';
import type { DelimiterChoice, RowIssue, Table, TableFailure, TableRow } from './table.ts';

const GUESSABLE = [',', ';', '\t'];

/** Header names must be unique, or a profile could not tell which column it means. */
export function checkHeader(header: string[]): Result<string[], TableFailure> {
  const seen = new Set<string>();
  for (const name of header) {
    if (name !== '' && seen.has(name)) {
      return fail('duplicate-header', `the header names the column "${name}" twice`);
    }
    seen.add(name);
  }
  return ok(header);
}

/**
 * Trims a cell and notes the repair. Spreadsheet exports pad cells ("Production       ", "M "),
 * and a padded department would otherwise become a second department.
 */
export function cleanCell(raw: string, line: number, field: string, repaired: RowIssue[]): string {
  const cell = raw.trim();
  if (cell.length !== raw.length && cell.length > 0) {
    repaired.push({
      line,
      field,
      reason: 'trimmed-whitespace',
      message: `spaces around "${cell}" removed`,
    });
  }
  return cell;
}

/**
 * Picks the separator: the candidate whose header splits into most columns while the next rows
 * split into the same number. papaparse's own guess is thrown off by a trailing blank line, which
 * nearly every export has.
 */
export function guessDelimiter(text: string): string {
  let best = ',';
  let bestScore = -1;
  const sample = text.slice(0, 64 * 1024);
  for (const candidate of GUESSABLE) {
    const rows = Papa.parse<string[]>(sample, {
      delimiter: candidate,
      preview: 20,
      skipEmptyLines: 'greedy',
    }).data;
    const width = rows[0]?.length ?? 0;
    if (width < 2) continue;
    const consistent = rows.filter((r) => r.length === width).length;
    const score = consistent * 1000 + width;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

function isBlankRecord(cells: string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

/**
 * Reads CSV text into a table. Each record keeps the line it starts on, counted over the raw text,
 * so a quoted multi-line field does not throw later line numbers off. A record whose cell count
 * differs from the header is rejected with its line: an unquoted line break or delimiter inside a
 * field shifts every later column, and a shifted record must never be imported as if it were right.
 */
export function readCsv(
  text: string,
  delimiter: DelimiterChoice,
): Result<{ table: Omit<Table, 'source'>; delimiter: string }, TableFailure> {
  if (text.trim() === '') return fail('empty-file', 'the file is empty');
  const newline = text.includes('\n') ? '\n' : '\r';
  const records: { start: number; cells: string[]; error: string | null }[] = [];
  let previousCursor = 0;
  const usedDelimiter = delimiter === 'auto' ? guessDelimiter(text) : delimiter;
  Papa.parse<string[]>(text, {
    delimiter: usedDelimiter,
    step: (result) => {
      const start = previousCursor;
      previousCursor = result.meta.cursor;
      if (isBlankRecord(result.data)) return;
      const error = result.errors[0];
      records.push({ start, cells: result.data, error: error ? error.message : null });
    },
  });
  // Line of each record start: count line breaks between consecutive record starts.
  let pos = 0;
  let line = 1;
  const lines: number[] = [];
  for (const record of records) {
    let start = record.start;
    while (text[start] === '\n' || text[start] === '\r') start++;
    for (
      let i = text.indexOf(newline, pos);
      i !== -1 && i < start;
      i = text.indexOf(newline, i + 1)
    ) {
      line++;
    }
    pos = start;
    lines.push(line);
  }
  const headerRecord = records[0];
  if (!headerRecord) return fail('empty-file', 'the file is empty');
  const repaired: RowIssue[] = [];
  const header = headerRecord.cells.map((h) => h.trim());
  const checked = checkHeader(header);
  if (!checked.ok) return checked;
  if (records.length === 1) {
    return fail('header-only', 'the file has a header line but no data rows');
  }
  const rows: TableRow[] = [];
  const rejected: RowIssue[] = [];
  for (let r = 1; r < records.length; r++) {
    const record = records[r];
    const recordLine = lines[r];
    if (!record || recordLine === undefined) continue;
    if (record.error !== null) {
      rejected.push({
        line: recordLine,
        reason: 'malformed-record',
        message: `line ${recordLine}: ${record.error}`,
      });
      continue;
    }
    let cells = record.cells;
    if (cells.length > header.length && isBlankRecord(cells.slice(header.length))) {
      cells = cells.slice(0, header.length);
      repaired.push({
        line: recordLine,
        reason: 'extra-empty-cells',
        message: `line ${recordLine} ended with empty cells beyond the header; they were dropped`,
      });
    }
    if (cells.length !== header.length) {
      rejected.push({
        line: recordLine,
        reason: 'cell-count',
        message:
          `line ${recordLine} has ${cells.length} cells but the header has ${header.length}; ` +
          'a line break or separator inside an unquoted field would shift the columns, so the ' +
          'row was not imported',
      });
      continue;
    }
    rows.push({
      line: recordLine,
      cells: cells.map((c, i) => cleanCell(c, recordLine, header[i] ?? '', repaired)),
    });
  }
  return ok({ table: { header, rows, rejected, repaired }, delimiter: usedDelimiter });
}
