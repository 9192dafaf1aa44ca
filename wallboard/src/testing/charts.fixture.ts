/** Hand-made wire data for the chart specs. */
import type { Figures, HourVolume, LiveQueue, LiveQueueRules } from '@callboard/api/wire';
import { createAppI18n } from '../i18n';

export const t = createAppI18n('en').global.t;

/** The start of local hour `h` on 4 March 2025 in Shanghai (UTC+8), as the server writes it. */
export const shanghai = (h: number, day = '2025-03-04') => `${day}T${String(h).padStart(2, '0')}:00:00.000+08:00`;

type Counts = Pick<HourVolume, 'answered' | 'answeredInThreshold' | 'abandoned' | 'shortAbandoned' | 'timedOut'>;

export function hour(iso: string, byCallType: Record<string, number> = {}, counts: Partial<Counts> = {}): HourVolume {
  const c: Counts = { answered: 0, answeredInThreshold: 0, abandoned: 0, shortAbandoned: 0, timedOut: 0, ...counts };
  const den = c.answered + c.abandoned - c.shortAbandoned + c.timedOut;
  return {
    hour: iso,
    byCallType,
    offered: Object.values(byCallType).reduce((sum, n) => sum + n, 0),
    ...c,
    threeRingRate: den > 0 ? c.answeredInThreshold / den : null,
  };
}

/** A day of hours 00:00..`to` (inclusive) in Shanghai, with the given hours filled in. */
export function day(to: number, filled: Record<number, HourVolume> = {}, date = '2025-03-04'): HourVolume[] {
  return Array.from({ length: to + 1 }, (_, h) => filled[h] ?? hour(shanghai(h, date)));
}

export const rules = (slTarget = 0.8): LiveQueueRules => ({
  rings: 3,
  ringCycleS: 5,
  slThresholdS: 15,
  shortAbandonS: 5,
  slTarget,
  asaTargetS: null,
  abandonTarget: null,
});

export const figures = (offered: number) => ({ offered }) as Figures;

export type ChartQueue = Pick<LiveQueue, 'byHour' | 'lastWeek' | 'rules' | 'today'>;
