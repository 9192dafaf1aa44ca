/**
 * How many agent rows a wall screen draws: what fits the grid's height, at
 * most the page's cap. Nobody scrolls a TV.
 */

export interface GridBox {
  /** The grid's height inside its padding. */
  innerPx: number;
  /** The table's header row. */
  headPx: number;
  /** One body row. */
  rowPx: number;
}

/**
 * Rows the box holds, leaving a row's height for the "+N more" line; at least
 * one. Null while no row has been drawn to measure.
 */
export function rowsThatFit({ innerPx, headPx, rowPx }: GridBox): number | null {
  if (rowPx <= 0) return null;
  return Math.max(1, Math.floor((innerPx - headPx - rowPx) / rowPx));
}

/** The fewer of a cap and what fits; Infinity when neither limits. */
export const rowLimit = (maxRows: number | undefined, fitted: number | null) => Math.min(maxRows ?? Infinity, fitted ?? Infinity);
