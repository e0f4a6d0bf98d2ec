/**
 * A table read from an uploaded file, before any profile gives the columns a meaning. Cells are
 * strings so that CSV and XLSX look the same to the planner; each row remembers the line of the
 * file it came from, because every message shown to HR has to point at a line they can open.
 */
export interface Table {
  header: string[];
  rows: TableRow[];
  /** Rows that could not be read as a record (wrong cell count): never shifted into the table. */
  rejected: RowIssue[];
  /** Cells that were cleaned while reading (trailing spaces, blank extra cells). */
  repaired: RowIssue[];
  /** What was used to read the bytes, so a report can say "read as gbk, ';'-separated". */
  source: TableSource;
}

/** One data record. `line` is the file line where the record starts (header = line 1). */
export interface TableRow {
  line: number;
  cells: string[];
}

/** How the file was read: detected or chosen by the caller. */
export interface TableSource {
  format: 'csv' | 'xlsx';
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
}

/**
 * A problem or a repair tied to a line of the file. `reason` is a machine-readable code that tests
 * and the HR page switch on; `message` is for people.
 */
export interface RowIssue {
  line: number;
  field?: string;
  reason: string;
  message: string;
}

/** Why a whole file could not be read as a table. */
export type TableFailure =
  | 'empty-file'
  | 'header-only'
  | 'binary-file'
  | 'unknown-encoding'
  | 'decode-failed'
  | 'unreadable-xlsx'
  | 'sheet-not-found'
  | 'duplicate-header';

/** Encodings a caller may ask for by name; `auto` detects UTF-8 (with or without BOM) or GBK. */
export type EncodingChoice = 'auto' | 'utf-8' | 'gbk' | 'gb18030' | 'utf-16le' | 'windows-1252';

/** Cell separators a caller may ask for; `auto` picks among comma, semicolon and tab. */
export type DelimiterChoice = 'auto' | ',' | ';' | '\t';

/** Options of `readTable`; everything defaults to detection. */
export interface ReadTableOptions {
  /** Used only to recognise `.xlsx`; the bytes decide when the name says nothing. */
  fileName?: string;
  encoding?: EncodingChoice;
  delimiter?: DelimiterChoice;
  /** Worksheet name for XLSX; the first sheet when absent. */
  sheet?: string;
}
