import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { UTF8_BOM, tableToCsv } from './csv';
import type { ExportTable } from './table';
import { tableToWorkbook } from './xlsx';

/** Two agents, one with a comma and quotes in the name, one in Chinese, one without a margin. */
const table: ExportTable = {
  sheetName: 'QA summary: agent',
  columns: [
    { header: 'Agent' },
    { header: 'Scores', numFmt: '0' },
    { header: 'Mean', numFmt: '0.0' },
    { header: '± margin', numFmt: '0.0' },
  ],
  rows: [
    [{ text: 'Li, "Lily"' }, { text: '3', value: 3 }, { text: '86.4', value: 86.43333 }, { text: '3.1', value: 3.0512 }],
    [{ text: '王芳' }, { text: '1', value: 1 }, { text: '70.0', value: 70 }, { text: '—', value: null }],
  ],
};

/** The workbook library is large: its first import takes seconds on a busy machine. */
const SLOW_IMPORT_MS = 30_000;

describe('tableToCsv', () => {
  const csv = tableToCsv(table);

  it('starts with a byte order mark so Excel reads UTF-8', () => {
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
  });

  it('writes the header and each row as the screen shows them, quoting where CSV needs it', () => {
    expect(csv.slice(1).split('\r\n')).toEqual(['Agent,Scores,Mean,± margin', '"Li, ""Lily""",3,86.4,3.1', '王芳,1,70.0,—']);
  });

  it('reads back into exactly the table’s cells', () => {
    const parsed = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n' }).data;
    expect(parsed).toEqual([
      ['Agent', 'Scores', 'Mean', '± margin'],
      ['Li, "Lily"', '3', '86.4', '3.1'],
      ['王芳', '1', '70.0', '—'],
    ]);
  });
});

describe('tableToWorkbook', () => {
  it(
    'has the table’s header and cells, numbers unrounded with the column’s format',
    async () => {
      const workbook = await tableToWorkbook(table);
      const sheet = workbook.worksheets[0]!;
      // ":" is not allowed in a sheet name.
      expect(sheet.name).toBe('QA summary  agent');
      const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1);
      expect(values(1)).toEqual(['Agent', 'Scores', 'Mean', '± margin']);
      expect(values(2)).toEqual(['Li, "Lily"', 3, 86.43333, 3.0512]);
      expect(values(3)).toEqual(['王芳', 1, 70, '—']);
      expect(sheet.getCell('C2').numFmt).toBe('0.0');
      expect(sheet.rowCount).toBe(3);
    },
    SLOW_IMPORT_MS,
  );

  it(
    'survives a round trip through the file format',
    async () => {
      const buffer = await (await tableToWorkbook(table)).xlsx.writeBuffer();
      const read = new ExcelJS.Workbook();
      await read.xlsx.load(buffer);
      const sheet = read.worksheets[0]!;
      expect(sheet.getCell('A3').value).toBe('王芳');
      expect(sheet.getCell('C2').value).toBe(86.43333);
      expect(sheet.getCell('C2').numFmt).toBe('0.0');
    },
    SLOW_IMPORT_MS,
  );
});
