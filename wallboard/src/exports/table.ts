/**
 * A table as a screen shows it, for exports: the headers and, per cell, the
 * text on screen. A number cell also keeps its unrounded value, which a
 * spreadsheet stores (shown rounded through the column's number format).
 */
export interface ExportColumn {
  header: string;
  /** Spreadsheet number format of the column's numbers, e.g. `0.0`. */
  numFmt?: string;
  /** Column width in characters in a spreadsheet. */
  width?: number;
}

export interface ExportCell {
  /** Exactly what the screen shows. */
  text: string;
  /** The number behind the text, unrounded; null or absent for a text cell or a missing figure. */
  value?: number | null;
}

export interface ExportTable {
  /** The spreadsheet's sheet name (at most 31 characters, no `[]:*?/\`). */
  sheetName: string;
  columns: readonly ExportColumn[];
  rows: readonly (readonly ExportCell[])[];
}

/** The header line and the rows as the screen writes them: what a CSV holds. */
export function tableText(table: ExportTable): string[][] {
  return [table.columns.map((c) => c.header), ...table.rows.map((row) => row.map((cell) => cell.text))];
}
