import Papa from 'papaparse';
import { tableText, type ExportTable } from './table';

/** Byte order mark: without it Excel reads a UTF-8 file in the system's code page and garbles Chinese. */
export const UTF8_BOM = '\uFEFF';

/** The table as CSV text (RFC 4180, CRLF line ends) with a UTF-8 byte order mark. */
export function tableToCsv(table: ExportTable): string {
  return UTF8_BOM + Papa.unparse(tableText(table), { newline: '\r\n' });
}

export function csvBlob(table: ExportTable): Blob {
  return new Blob([tableToCsv(table)], { type: 'text/csv;charset=utf-8' });
}
