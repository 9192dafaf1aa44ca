/**
 * The table as an Excel workbook. exceljs is large, so it is loaded only when
 * someone exports (its own chunk), never with the page.
 */
import type { Workbook } from 'exceljs';
import type { ExportTable } from './table';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Characters Excel refuses in a sheet name. */
const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/g;

/**
 * One sheet: a bold header row, frozen, then the rows. A number cell holds the
 * unrounded value, drawn with the column's number format, so it reads as on
 * screen and sums exactly; every other cell holds the screen's text.
 */
export async function tableToWorkbook(table: ExportTable): Promise<Workbook> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const name = table.sheetName.replace(SHEET_NAME_FORBIDDEN, ' ').slice(0, 31) || 'Sheet1';
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(10, c.header.length + 2) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) {
    sheet.addRow(row.map((cell) => (typeof cell.value === 'number' && Number.isFinite(cell.value) ? cell.value : cell.text)));
  }
  table.columns.forEach((column, i) => {
    if (column.numFmt) sheet.getColumn(i + 1).numFmt = column.numFmt;
  });
  return workbook;
}

export async function xlsxBlob(table: ExportTable): Promise<Blob> {
  const workbook = await tableToWorkbook(table);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: XLSX_TYPE });
}
