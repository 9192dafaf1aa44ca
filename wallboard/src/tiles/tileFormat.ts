import { formatDuration, formatNumber, formatPercent, formatSeconds, formatSigned } from '../format';
import type { TileUnit } from './scopeTiles';

/** A tile's figure as the wallboard prints it: 12, 86.4%, 8.4s, 2:05, +2, −3. */
export function formatTileValue(value: number | null, unit: TileUnit, locale: string): string {
  switch (unit) {
    case 'count':
      return formatNumber(value, locale);
    case 'rate':
      return formatPercent(value, locale);
    case 'seconds':
      return formatSeconds(value, locale);
    case 'duration':
      return formatDuration(value);
    case 'signed':
      return formatSigned(value, locale);
  }
}
