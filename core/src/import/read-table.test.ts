import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sharedDataPath } from '@firstline/fixtures';
import { readTable } from './read-table.ts';
import type { Table } from './table.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** GBK bytes of a few Chinese words, checked against Node's GBK decoder by hand. */
const GBK: Record<string, number[]> = {
  工号: [0xb9, 0xa4, 0xba, 0xc5],
  姓名: [0xd0, 0xd5, 0xc3, 0xfb],
  部门: [0xb2, 0xbf, 0xc3, 0xc5],
  张三: [0xd5, 0xc5, 0xc8, 0xfd],
  李四: [0xc0, 0xee, 0xcb, 0xc4],
  销售部: [0xcf, 0xfa, 0xca, 0xdb, 0xb2, 0xbf],
};

/** Encodes text whose Chinese words are all in the GBK table above; ASCII passes through. */
function gbk(text: string): Uint8Array {
  const out: number[] = [];
  let rest = text;
  outer: while (rest.length > 0) {
    for (const [word, bytes] of Object.entries(GBK)) {
      if (rest.startsWith(word)) {
        out.push(...bytes);
        rest = rest.slice(word.length);
        continue outer;
      }
    }
    const code = rest.charCodeAt(0);
    if (code > 0x7f) throw new Error(`no GBK bytes for ${rest[0]} in the test table`);
    out.push(code);
    rest = rest.slice(1);
  }
  return new Uint8Array(out);
}

async function table(bytes: Uint8Array, opts = {}): Promise<Table> {
  const read = await readTable(bytes, opts);
  if (!read.ok) throw new Error(`${read.reason}: ${read.message}`);
  return read.value;
}

describe('readTable: encodings', () => {
  const chinese = '工号,姓名,部门\r\n1,张三,销售部\r\n2,李四,销售部\r\n';

  it('detects GBK (Chinese Excel export) and decodes the names', async () => {
    const t = await table(gbk(chinese));
    expect(t.source.encoding).toBe('gbk');
    expect(t.header).toEqual(['工号', '姓名', '部门']);
    expect(t.rows.map((r) => r.cells[1])).toEqual(['张三', '李四']);
  });

  it('reads the same file as UTF-8, with and without a BOM', async () => {
    const plain = await table(utf8(chinese));
    const bom = await table(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(chinese)]));
    expect(plain.source.encoding).toBe('utf-8');
    expect(bom.header[0]).toBe('工号');
    expect(bom.rows).toEqual(plain.rows);
  });

  it('honours an explicit encoding and fails clearly when the bytes do not fit it', async () => {
    const asGbk = await table(gbk(chinese), { encoding: 'gbk' });
    expect(asGbk.rows[0]?.cells[2]).toBe('销售部');
    const wrong = await readTable(gbk(chinese), { encoding: 'utf-8' });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.reason).toBe('decode-failed');
  });

  it('reads UTF-16LE text with a BOM (Excel "Unicode text") instead of calling it binary', async () => {
    const text = 'id\tname\r\n1\tAnna\r\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + 2 * i] = text.charCodeAt(i);
    const t = await table(bytes);
    expect(t.source).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(t.rows[0]?.cells).toEqual(['1', 'Anna']);
  });
});

describe('readTable: delimiters, line ends, line numbers', () => {
  it('detects semicolons, keeping decimal commas inside cells', async () => {
    const t = await table(utf8('name;score\nAnna;3,5\nBen;4,0\n'));
    expect(t.source.delimiter).toBe(';');
    expect(t.rows.map((r) => r.cells)).toEqual([
      ['Anna', '3,5'],
      ['Ben', '4,0'],
    ]);
  });

  it('detects tabs', async () => {
    const t = await table(utf8('name\tteam\nAnna\tBlue, Green\n'));
    expect(t.source.delimiter).toBe('\t');
    expect(t.rows[0]?.cells).toEqual(['Anna', 'Blue, Green']);
  });

  it('numbers records by the file line they start on, across quoted multi-line fields and blank lines', async () => {
    const text = 'id,note\r\n1,"two\r\nlines"\r\n\r\n2,plain\r\n3,"a\nb\nc"\r\n4,last';
    const t = await table(utf8(text));
    expect(t.rows.map((r) => [r.line, r.cells[0]])).toEqual([
      [2, '1'],
      [5, '2'],
      [6, '3'],
      [9, '4'],
    ]);
    expect(t.rows[0]?.cells[1]).toBe('two\r\nlines');
  });

  it('trims spaces around cells and reports each trim with its line and column', async () => {
    const t = await table(utf8('name,dept\r\n"Ann  ",Sales   \r\nBen,Ops\r\n'));
    expect(t.rows[0]?.cells).toEqual(['Ann', 'Sales']);
    expect(t.repaired).toEqual([
      expect.objectContaining({ line: 2, field: 'name', reason: 'trimmed-whitespace' }),
      expect.objectContaining({ line: 2, field: 'dept', reason: 'trimmed-whitespace' }),
    ]);
  });
});

describe('readTable: bad input', () => {
  it('refuses an empty file and a file of blank lines', async () => {
    for (const bytes of [new Uint8Array(), utf8('\r\n \r\n')]) {
      const read = await readTable(bytes);
      expect(read.ok ? 'ok' : read.reason).toBe('empty-file');
    }
  });

  it('refuses a file with a header and no rows', async () => {
    const read = await readTable(utf8('id,name\r\n'));
    expect(read.ok ? 'ok' : read.reason).toBe('header-only');
  });

  it('refuses binary bytes (a PNG header) with a clear message', async () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49,
    ]);
    const read = await readTable(png, { fileName: 'staff.csv' });
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.reason).toBe('binary-file');
      expect(read.message).toMatch(/binary/);
    }
  });

  it('refuses a header that names a column twice', async () => {
    const read = await readTable(utf8('id,name,name\n1,a,b\n'));
    expect(read.ok ? 'ok' : read.reason).toBe('duplicate-header');
  });

  it('rejects a row with a missing cell, naming its line, and keeps the other rows', async () => {
    const t = await table(utf8('id,name,dept\n1,Ann,Sales\n2,Ben\n3,Cid,Ops\n'));
    expect(t.rows.map((r) => r.line)).toEqual([2, 4]);
    expect(t.rejected).toEqual([expect.objectContaining({ line: 3, reason: 'cell-count' })]);
    expect(t.rejected[0]?.message).toMatch(/line 3 has 2 cells but the header has 3/);
  });

  it('drops empty cells beyond the header (trailing commas) as a repair, not a rejection', async () => {
    const t = await table(utf8('id,name\n1,Ann,,\n'));
    expect(t.rows[0]?.cells).toEqual(['1', 'Ann']);
    expect(t.rejected).toEqual([]);
    expect(t.repaired[0]).toMatchObject({ line: 2, reason: 'extra-empty-cells' });
  });

  it('reports OrangeHRM testImport.csv: the unquoted line break splits a record into two bad lines', async () => {
    const bytes = new Uint8Array(
      readFileSync(sharedDataPath('orangehrm-import', 'testImport.csv')),
    );
    const t = await table(bytes);
    expect(t.rejected.map((r) => [r.line, r.reason])).toEqual([
      [2, 'cell-count'],
      [3, 'cell-count'],
    ]);
    expect(t.rows.map((r) => [r.line, r.cells[0]])).toEqual([[4, 'Krishan']]);
  });
});

describe('readTable: XLSX', () => {
  it('reads a sheet by name; date header cells become ISO days and numbers stay numbers', async () => {
    const path = sharedDataPath('sales-actual-vs-target', 'actual-vs-target-dataset.xlsx');
    const bytes = new Uint8Array(readFileSync(path));
    const actual = await table(bytes, { sheet: 'Actual' });
    expect(actual.source).toMatchObject({ format: 'xlsx', sheet: 'Actual' });
    expect(actual.header.slice(0, 3)).toEqual(['Sales Person', '2023-01-01', '2023-02-01']);
    expect(actual.header).toHaveLength(15);
    expect(actual.rows).toHaveLength(25);
    expect(Number(actual.rows[0]?.cells[1])).not.toBeNaN();
    const people = await table(bytes, { sheet: 'People' });
    expect(people.header.slice(0, 2)).toEqual(['Sales person', 'Team']);
    const missing = await readTable(bytes, { sheet: 'Nope' });
    expect(missing.ok ? 'ok' : missing.reason).toBe('sheet-not-found');
  });

  it('turns date cells into ISO days, keeps the row numbers as lines, and trims text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Staff');
    sheet.addRow(['id', 'name', 'hired', 'score']);
    sheet.addRow([7, 'Ann  ', new Date(Date.UTC(2020, 2, 15)), 4.5]);
    sheet.addRow([]);
    sheet.addRow([8, 'Ben', new Date(Date.UTC(2021, 11, 1)), 3]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const t = await table(bytes, { fileName: 'staff.xlsx' });
    expect(t.rows.map((r) => [r.line, ...r.cells])).toEqual([
      [2, '7', 'Ann', '2020-03-15', '4.5'],
      [4, '8', 'Ben', '2021-12-01', '3'],
    ]);
    expect(t.repaired).toEqual([expect.objectContaining({ line: 2, field: 'name' })]);
  });

  it('refuses a file named .xlsx that is not a workbook', async () => {
    const read = await readTable(utf8('id,name\n1,a\n'), { fileName: 'staff.xlsx' });
    expect(read.ok ? 'ok' : read.reason).toBe('unreadable-xlsx');
  });
});
