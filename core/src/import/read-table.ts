import { fail, ok, type Result } from '../model/result.ts';
import { decodeText, looksBinary, looksLikeZip } from './decode-text.ts';
import { readCsv } from './read-csv.ts';
import { readXlsx } from './read-xlsx.ts';
import type { ReadTableOptions, Table, TableFailure } from './table.ts';

/**
 * The one way an uploaded file becomes a table: XLSX when the bytes are a zip archive, otherwise
 * delimited text in a detected or chosen encoding. Pure: bytes in, values out, so the CLI, the
 * server and the tests all read files the same way.
 */
export async function readTable(
  bytes: Uint8Array,
  opts: ReadTableOptions = {},
): Promise<Result<Table, TableFailure>> {
  if (bytes.length === 0) return fail('empty-file', 'the file is empty');
  const namedXlsx = /\.xlsx$/i.test(opts.fileName ?? '');
  if (looksLikeZip(bytes)) {
    const read = await readXlsx(bytes, opts.sheet);
    if (!read.ok) return read;
    const source = {
      format: 'xlsx',
      encoding: null,
      delimiter: null,
      sheet: read.value.sheet,
    } as const;
    return ok({ ...read.value.table, source });
  }
  if (namedXlsx) {
    return fail(
      'unreadable-xlsx',
      'the file is named .xlsx but is not an XLSX workbook (no zip header)',
    );
  }
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe ? true : bytes[0] === 0xfe && bytes[1] === 0xff;
  if (!utf16 && looksBinary(bytes)) {
    return fail(
      'binary-file',
      'the file holds binary data (NUL or control bytes), not text; upload a CSV or an XLSX file',
    );
  }
  const decoded = decodeText(bytes, opts.encoding ?? 'auto');
  if (!decoded.ok) return decoded;
  const read = readCsv(decoded.value.text, opts.delimiter ?? 'auto');
  if (!read.ok) return read;
  return ok({
    ...read.value.table,
    source: {
      format: 'csv',
      encoding: decoded.value.encoding,
      delimiter: read.value.delimiter,
      sheet: null,
    },
  });
}
