/**
 * What the wallboard shows: the display's options from its link, the scope on
 * screen (the rotation's, else the person's choice), and the live
 * subscription that scope asks for.
 */
import type { SubscribeRequest } from '@callboard/api/wire';
import type { LocationQuery } from 'vue-router';
import { ALL_VIEW, type WallboardView } from '../stores/wallboardPrefs';
import { parseTvOptions, type TvOptions } from '../tvOptions';

/**
 * The options of the address; a wall display (kiosk) is always in TV mode,
 * and one reloaded at `/` keeps the options its link gave it (`saved`).
 */
export function boardOptions(query: LocationQuery, isKiosk: boolean, saved: () => Record<string, string>): TvOptions {
  const parsed = parseTvOptions(isKiosk && query.rotate === undefined ? { ...saved(), ...query } : query);
  return { ...parsed, tv: parsed.tv || isKiosk };
}

/** The scope on screen: the rotation's at `index`, else everything on a wall display, else the person's choice. */
export function viewOnScreen(rotate: readonly WallboardView[], index: number, isKiosk: boolean, chosen: WallboardView): WallboardView {
  if (rotate.length > 0) return rotate[index % rotate.length]!;
  return isKiosk ? ALL_VIEW : chosen;
}

export function subscriptionOf(view: WallboardView): SubscribeRequest {
  return {
    ...(view.queue ? { queues: [view.queue] } : {}),
    ...(view.team ? { teams: [view.team] } : {}),
  };
}

/** The queue a drill-down lists calls of: the one chosen, or the only one in the scope; null for all of them. */
export function drillQueue(view: WallboardView, queues: readonly { queue: string }[]): string | null {
  return view.queue ?? (queues.length === 1 ? queues[0]!.queue : null);
}

/**
 * `names` added to a sorted list of known names: the same array when none is
 * new, so that nothing drawn from it is drawn again.
 */
export function withKnown(
  known: readonly string[],
  names: readonly (string | null)[],
  compare: (a: string, b: string) => number,
): readonly string[] {
  const next = new Set(known);
  for (const name of names) if (name) next.add(name);
  return next.size === known.length ? known : [...next].sort(compare);
}
