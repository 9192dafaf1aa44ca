/**
 * How a wall display is set up from its link: `/kiosk?rotate=billing,team:east,*&every=30#<token>`
 * (or `/?tv=1&rotate=…` for anyone signed in) shows the board in TV mode and,
 * with `rotate`, cycles between scopes: a queue by name, `team:<name>`, `*` for
 * everything the display may see.
 */
import type { LocationQuery } from 'vue-router';
import type { WallboardView } from './stores/wallboardPrefs';

export const DEFAULT_ROTATE_S = 30;
/** Shorter would not leave time to read a board before it changes. */
export const MIN_ROTATE_S = 10;
const MAX_VIEWS = 24;

export interface TvOptions {
  tv: boolean;
  /** Scopes to cycle through; empty: no rotation. */
  rotate: WallboardView[];
  everyS: number;
}

const first = (value: LocationQuery[string] | undefined): string | null => {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : null;
};

export function parseRotate(text: string | null): WallboardView[] {
  if (!text) return [];
  const views: WallboardView[] = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    if (part === '*') views.push({ queue: null, team: null });
    else if (part.startsWith('team:') && part.length > 5) views.push({ queue: null, team: part.slice(5) });
    else views.push({ queue: part, team: null });
  }
  return views.slice(0, MAX_VIEWS);
}

export function parseTvOptions(query: LocationQuery): TvOptions {
  const tv = ['1', 'true', 'yes', ''].includes(first(query.tv) ?? 'no');
  const every = Number(first(query.every));
  return {
    tv,
    rotate: parseRotate(first(query.rotate)),
    everyS: Number.isFinite(every) && every > 0 ? Math.max(MIN_ROTATE_S, Math.round(every)) : DEFAULT_ROTATE_S,
  };
}

/** The query the display's options travel in, from the kiosk link to the board. */
export function tvQuery(query: LocationQuery): Record<string, string> {
  const out: Record<string, string> = { tv: '1' };
  const rotate = first(query.rotate);
  const every = first(query.every);
  if (rotate) out.rotate = rotate;
  if (every) out.every = every;
  return out;
}

const KIOSK_QUERY_KEY = 'callboard.kioskQuery';

/** A display that reloads at `/` keeps the options its link gave it. */
export function saveKioskQuery(query: Record<string, string>): void {
  try {
    localStorage.setItem(KIOSK_QUERY_KEY, JSON.stringify(query));
  } catch {
    // Storage blocked: the options hold until the next reload.
  }
}

export function loadKioskQuery(): Record<string, string> {
  try {
    const raw = JSON.parse(localStorage.getItem(KIOSK_QUERY_KEY) ?? '{}') as unknown;
    if (typeof raw !== 'object' || raw === null) return {};
    return Object.fromEntries(Object.entries(raw).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}
