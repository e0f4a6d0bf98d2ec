import type ExcelJS from 'exceljs';
import { fail, ok, type Result } from '../model/result.ts';
import { checkHeader, cleanCell } from './read-csv.ts';
import type { RowIssue, Table, TableFailure, TableRow } from './table.ts';

/** A date cell becomes its calendar day; exceljs hands dates over as UTC midnights. */
function isoDay(date: Date): string {
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
}

/**
 * Turns one exceljs cell value into the string a CSV export of it would hold: numbers stay
 * numbers written plainly, date cells become ISO days, formulas give their cached result.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return isoDay(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('error' in value) return '';
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result instanceof Date) return isoDay(result);
    return result === undefined || result === null || typeof result === 'object'
      ? ''
      : String(result);
  }
  if ('text' in value) {
    const text: unknown = value.text;
    return typeof text === 'string' ? text : '';
  }
  return '';
}

/**
 * Reads one worksheet of an XLSX workbook. The header is the first non-empty row; line numbers
 * are the sheet's row numbers, which is what HR sees in Excel. Cells are addressed by column in
 * XLSX, so a short row cannot shift columns; a value to the right of the header is reported.
 */
export async function readXlsx(
  bytes: Uint8Array,
  sheetName: string | undefined,
): Promise<Result<{ table: Omit<Table, 'source'>; sheet: string }, TableFailure>> {
  // Loaded on first use: exceljs is large and most imports are CSV.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    // exceljs types ask for a Node Buffer; it reads any ArrayBuffer view.
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    return fail(
      'unreadable-xlsx',
      'the file looks like a zip archive but is not a readable XLSX workbook',
      {
        cause: error instanceof Error ? error.message : String(error),
      },
    );
  }
  const sheet = sheetName === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheetName);
  if (!sheet) {
    const names = workbook.worksheets.map((w) => w.name).join(', ');
    return sheetName === undefined
      ? fail('empty-file', 'the workbook has no worksheet')
      : fail('sheet-not-found', `no sheet named "${sheetName}" (sheets: ${names})`);
  }
  let header: string[] | null = null;
  const rows: TableRow[] = [];
  const rejected: RowIssue[] = [];
  const repaired: RowIssue[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values = row.values as ExcelJS.CellValue[];
    // exceljs rows are 1-based: values[0] is always empty.
    const cells = values.slice(1).map((v) => cellText(v));
    if (cells.every((c) => c.trim() === '')) return;
    if (header === null) {
      header = cells.map((c) => c.trim());
      return;
    }
    const width = header.length;
    if (cells.slice(width).some((c) => c.trim() !== '')) {
      repaired.push({
        line,
        reason: 'cells-beyond-header',
        message: `row ${line} has values to the right of the last header column; they were ignored`,
      });
    }
    const padded = Array.from({ length: width }, (_, i) => cells[i] ?? '');
    rows.push({
      line,
      cells: padded.map((c, i) => cleanCell(c, line, header?.[i] ?? '', repaired)),
    });
  });
  if (header === null) return fail('empty-file', `the sheet "${sheet.name}" is empty`);
  const checked = checkHeader(header);
  if (!checked.ok) return checked;
  if (rows.length === 0) {
    return fail('header-only', `the sheet "${sheet.name}" has a header row but no data rows`);
  }
  return ok({ table: { header: checked.value, rows, rejected, repaired }, sheet: sheet.name });
}
