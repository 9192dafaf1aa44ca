import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import {
  NO_SAVED_THRESHOLDS,
  parseSavedTileThresholds,
  type SavedTileThresholds,
  type TileThresholdOverride,
  type TileMetric,
} from '../tiles/thresholds';

/** What the wallboard shows: one queue or all of them, one team or all; null is "all". */
export interface WallboardView {
  queue: string | null;
  team: string | null;
}

export interface WallboardPrefs {
  view: WallboardView;
  thresholds: SavedTileThresholds;
  /** A sound when a tile turns red; off until the person turns it on. */
  sound: boolean;
  /** The three service-level variants beside the three-ring rate. */
  slVariants: boolean;
}

export const ALL_VIEW: WallboardView = { queue: null, team: null };

export const DEFAULT_PREFS: WallboardPrefs = { view: ALL_VIEW, thresholds: NO_SAVED_THRESHOLDS, sound: false, slVariants: false };

const KEY_PREFIX = 'callboard.wallboard.';

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : null);

/** Reads saved preferences, keeping what is valid: storage can hold anything, from older versions or by hand. */
export function parsePrefs(raw: unknown): WallboardPrefs {
  if (typeof raw !== 'object' || raw === null) return DEFAULT_PREFS;
  const r = raw as Record<string, unknown>;
  const view = typeof r.view === 'object' && r.view !== null ? (r.view as Record<string, unknown>) : {};
  return {
    view: { queue: text(view.queue), team: text(view.team) },
    thresholds: parseSavedTileThresholds(r.thresholds),
    sound: r.sound === true,
    slVariants: r.slVariants === true,
  };
}

function read(principal: string): WallboardPrefs {
  try {
    const stored = globalThis.localStorage?.getItem(KEY_PREFIX + principal);
    return stored ? parsePrefs(JSON.parse(stored)) : DEFAULT_PREFS;
  } catch {
    return DEFAULT_PREFS;
  }
}

function write(principal: string, prefs: WallboardPrefs): void {
  try {
    globalThis.localStorage?.setItem(KEY_PREFIX + principal, JSON.stringify(prefs));
  } catch {
    // Storage full or blocked (private window): the choice holds until the page is closed.
  }
}

/**
 * Each person's wallboard choices on this device (the scope on screen, tile
 * colours, alert sound, SL variants), kept per signed-in principal so two
 * supervisors sharing a screen keep their own. Wall displays keep theirs too,
 * though their scope is fixed by their token.
 */
export const useWallboardPrefsStore = defineStore('wallboardPrefs', () => {
  const principal = ref<string | null>(null);
  const prefs = shallowRef<WallboardPrefs>(DEFAULT_PREFS);

  /** Switches to `who`'s saved choices (null: nobody signed in, defaults). */
  function use(who: string | null): void {
    if (who === principal.value) return;
    principal.value = who;
    prefs.value = who ? read(who) : DEFAULT_PREFS;
  }

  function update(change: Partial<WallboardPrefs>): void {
    prefs.value = { ...prefs.value, ...change };
  }

  function setView(view: WallboardView): void {
    update({ view });
  }

  /** Replaces one tile's edges; null goes back to the default. */
  function setTileThresholds(metric: TileMetric, override: TileThresholdOverride | null): void {
    const tiles = { ...prefs.value.thresholds.tiles };
    if (override) tiles[metric] = override;
    else delete tiles[metric];
    update({ thresholds: { version: 1, tiles } });
  }

  // Written at once, before another person's preferences can replace these.
  watch(
    prefs,
    (value) => {
      if (principal.value) write(principal.value, value);
    },
    { flush: 'sync' },
  );

  return { principal, prefs, use, update, setView, setTileThresholds };
});
