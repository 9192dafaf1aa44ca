import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { DEFAULT_PREFS, parsePrefs, useWallboardPrefsStore, type WallboardPrefs } from './wallboardPrefs';

const stored = (principal: string): unknown => {
  const text = localStorage.getItem(`callboard.wallboard.${principal}`);
  return text === null ? null : JSON.parse(text);
};

describe('parsePrefs', () => {
  it('reads back what the wallboard saves', () => {
    const prefs: WallboardPrefs = {
      view: { queue: 'sales', team: 'west' },
      thresholds: { version: 1, tiles: { threeRingRate: { red: 0.7 }, waiting: { off: true } } },
      sound: true,
      slVariants: true,
    };
    expect(parsePrefs(JSON.parse(JSON.stringify(prefs)))).toEqual(prefs);
  });

  it('falls back to the defaults for anything but an object', () => {
    expect(parsePrefs(null)).toEqual(DEFAULT_PREFS);
    expect(parsePrefs('sales')).toEqual(DEFAULT_PREFS);
    expect(parsePrefs(42)).toEqual(DEFAULT_PREFS);
  });

  it('shows all queues and teams for a scope that is not a name', () => {
    expect(parsePrefs({ view: { queue: 7, team: '' } }).view).toEqual({ queue: null, team: null });
    expect(parsePrefs({ view: 'sales' }).view).toEqual({ queue: null, team: null });
    expect(parsePrefs({ view: { queue: ['sales'], team: { name: 'west' } } }).view).toEqual({ queue: null, team: null });
  });

  it('drops names longer than 200 characters', () => {
    const long = 'q'.repeat(500);
    expect(parsePrefs({ view: { queue: long, team: 'west' } }).view).toEqual({ queue: null, team: 'west' });
    // 200 is still a name.
    expect(parsePrefs({ view: { queue: 'q'.repeat(200), team: null } }).view.queue).toHaveLength(200);
    expect(parsePrefs({ view: { queue: 'q'.repeat(201), team: null } }).view.queue).toBeNull();
  });

  it('keeps the valid tile colours and drops the rest', () => {
    const prefs = parsePrefs({
      view: { queue: 'sales' },
      thresholds: {
        version: 1,
        tiles: {
          threeRingRate: { green: 'high', red: 0.7 },
          asaS: { green: 12, amber: null, red: Infinity },
          bogus: { red: 1 },
          waiting: 'off',
          abandonRate: { off: 'yes' },
        },
      },
    });
    expect(prefs.thresholds).toEqual({ version: 1, tiles: { threeRingRate: { red: 0.7 }, asaS: { green: 12 } } });
    expect(prefs.view).toEqual({ queue: 'sales', team: null });
  });

  it('drops tile colours of another version', () => {
    expect(parsePrefs({ thresholds: { version: 2, tiles: { threeRingRate: { red: 0.7 } } } }).thresholds).toEqual({
      version: 1,
      tiles: {},
    });
  });

  it('turns the sound and the SL variants on only for true itself', () => {
    expect(parsePrefs({ sound: true, slVariants: true })).toMatchObject({ sound: true, slVariants: true });
    expect(parsePrefs({ sound: 'true', slVariants: 1 })).toMatchObject({ sound: false, slVariants: false });
  });
});

describe('useWallboardPrefsStore', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it('starts with the defaults for nobody signed in', () => {
    const store = useWallboardPrefsStore();
    expect(store.principal).toBeNull();
    expect(store.prefs).toEqual({
      view: { queue: null, team: null },
      thresholds: { version: 1, tiles: {} },
      sound: false,
      slVariants: false,
    });
  });

  it('saves a person’s choices under their principal', async () => {
    const store = useWallboardPrefsStore();
    store.use('user:u7');
    store.setView({ queue: 'sales', team: null });
    store.update({ sound: true });
    await nextTick();
    expect(stored('user:u7')).toEqual({
      view: { queue: 'sales', team: null },
      thresholds: { version: 1, tiles: {} },
      sound: true,
      slVariants: false,
    });
  });

  it('saves nothing while nobody is signed in', async () => {
    const store = useWallboardPrefsStore();
    store.update({ sound: true });
    await nextTick();
    expect(localStorage.length).toBe(0);
  });

  it('loads the other person’s choices on a switch, and the first one’s on the way back', async () => {
    localStorage.setItem('callboard.wallboard.user:u8', JSON.stringify({ view: { queue: 'support', team: null }, sound: true }));
    const store = useWallboardPrefsStore();
    store.use('user:u7');
    store.setView({ queue: 'sales', team: 'west' });
    await nextTick();

    store.use('user:u8');
    expect(store.principal).toBe('user:u8');
    expect(store.prefs.view).toEqual({ queue: 'support', team: null });
    expect(store.prefs.sound).toBe(true);
    await nextTick();
    // u8's change does not reach u7's.
    store.update({ slVariants: true });
    await nextTick();
    expect(stored('user:u8')).toMatchObject({ view: { queue: 'support', team: null }, sound: true, slVariants: true });

    store.use('user:u7');
    expect(store.prefs).toEqual({
      view: { queue: 'sales', team: 'west' },
      thresholds: { version: 1, tiles: {} },
      sound: false,
      slVariants: false,
    });
    store.use(null);
    expect(store.prefs).toEqual(DEFAULT_PREFS);
  });

  it('reads junk in storage as the defaults', () => {
    localStorage.setItem('callboard.wallboard.user:u7', '{not json');
    const store = useWallboardPrefsStore();
    store.use('user:u7');
    expect(store.prefs).toEqual(DEFAULT_PREFS);
  });

  it('replaces one tile’s edges and goes back to the default with null', async () => {
    const store = useWallboardPrefsStore();
    store.use('user:u7');
    store.setTileThresholds('threeRingRate', { red: 0.7 });
    store.setTileThresholds('asaS', { off: true });
    store.setTileThresholds('threeRingRate', { green: 0.85 });
    expect(store.prefs.thresholds).toEqual({ version: 1, tiles: { threeRingRate: { green: 0.85 }, asaS: { off: true } } });

    store.setTileThresholds('threeRingRate', null);
    expect(store.prefs.thresholds).toEqual({ version: 1, tiles: { asaS: { off: true } } });
    await nextTick();
    expect(stored('user:u7')).toMatchObject({ thresholds: { version: 1, tiles: { asaS: { off: true } } } });
  });
});
