import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref, type EffectScope, type Ref } from 'vue';
import type { TileLevel } from '../tiles/thresholds';
import { ALERT_MS, newlyRed, useRedAlert } from './useRedAlert';

describe('newlyRed', () => {
  it('never alerts on the first reading, however red', () => {
    expect(newlyRed(null, { threeRingRate: 'bad', asaS: 'bad' })).toEqual([]);
  });

  it('alerts on a tile that went from green or amber to red', () => {
    expect(newlyRed({ threeRingRate: 'ok', asaS: 'warn', waiting: 'none' }, { threeRingRate: 'bad', asaS: 'bad', waiting: 'bad' })).toEqual(
      ['threeRingRate', 'asaS', 'waiting'],
    );
  });

  it('does not alert on a tile that stays red', () => {
    expect(newlyRed({ threeRingRate: 'bad', asaS: 'ok' }, { threeRingRate: 'bad', asaS: 'bad' })).toEqual(['asaS']);
  });

  it('does not alert on a tile that was not there before', () => {
    expect(newlyRed({ threeRingRate: 'ok' }, { threeRingRate: 'ok', slAnsweredOnly: 'bad' })).toEqual([]);
  });

  it('does not alert on a tile that got better', () => {
    expect(newlyRed({ threeRingRate: 'bad' }, { threeRingRate: 'warn' })).toEqual([]);
  });
});

/** Web Audio stand-in: counts the tones started. */
let oscillators = 0;
class FakeAudioContext {
  state = 'running';
  currentTime = 0;
  destination = {};
  resume() {
    return Promise.resolve();
  }
  createOscillator() {
    oscillators += 1;
    return { frequency: { value: 0 }, connect: (node: unknown) => node, start() {}, stop() {} };
  }
  createGain() {
    return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect: (node: unknown) => node };
  }
}

describe('useRedAlert', () => {
  let scope: EffectScope;
  let levels: Ref<Record<string, TileLevel> | null>;
  let key: Ref<string>;
  let sound: Ref<boolean>;
  let alerting: Ref<string[]>;

  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('AudioContext', FakeAudioContext);
    oscillators = 0;
    levels = ref(null);
    key = ref('all');
    sound = ref(false);
    scope = effectScope();
    alerting = scope.run(() => useRedAlert(levels, key, sound))!.alerting;
  });

  afterEach(() => {
    scope.stop();
    vi.useRealTimers();
  });

  async function read(next: Record<string, TileLevel> | null) {
    levels.value = next;
    await nextTick();
  }

  it('lists a tile that turned red, for the alert’s length only', async () => {
    await read({ threeRingRate: 'ok', asaS: 'ok' });
    expect(alerting.value).toEqual([]);
    await read({ threeRingRate: 'bad', asaS: 'ok' });
    expect(alerting.value).toEqual(['threeRingRate']);

    vi.advanceTimersByTime(ALERT_MS - 1);
    expect(alerting.value).toEqual(['threeRingRate']);
    vi.advanceTimersByTime(1);
    expect(alerting.value).toEqual([]);
  });

  it('does not alert when the page opens on red tiles', async () => {
    await read({ threeRingRate: 'bad' });
    expect(alerting.value).toEqual([]);
  });

  it('times each tile’s alert from when it turned red', async () => {
    await read({ threeRingRate: 'ok', asaS: 'ok' });
    await read({ threeRingRate: 'bad', asaS: 'ok' });
    vi.advanceTimersByTime(2_000);
    await read({ threeRingRate: 'bad', asaS: 'bad' });
    expect(alerting.value).toEqual(['threeRingRate', 'asaS']);

    // The first alert ends ALERT_MS after it began, 2 s before the second's.
    vi.advanceTimersByTime(ALERT_MS - 2_000);
    expect(alerting.value).toEqual(['asaS']);
    vi.advanceTimersByTime(2_000);
    expect(alerting.value).toEqual([]);
  });

  it('starts afresh on another scope instead of alerting on the difference', async () => {
    await read({ threeRingRate: 'ok' });
    await read({ threeRingRate: 'bad' });
    expect(alerting.value).toEqual(['threeRingRate']);

    // Another queue on screen, green here: the running alert ends with the old scope.
    key.value = 'queue:support';
    await nextTick();
    expect(alerting.value).toEqual([]);
    await read({ threeRingRate: 'ok' });
    // Back to all queues, red there: not news, as the green was another scope's.
    key.value = 'all';
    await read({ threeRingRate: 'bad' });
    expect(alerting.value).toEqual([]);
    // Green then red on the same scope alerts again.
    await read({ threeRingRate: 'ok' });
    await read({ threeRingRate: 'bad' });
    expect(alerting.value).toEqual(['threeRingRate']);
  });

  it('does not alert when the scope and its levels change together, in either order', async () => {
    await read({ threeRingRate: 'ok' });
    levels.value = { threeRingRate: 'bad' };
    key.value = 'queue:support';
    await nextTick();
    expect(alerting.value).toEqual([]);

    await read({ threeRingRate: 'ok' });
    key.value = 'all';
    levels.value = { threeRingRate: 'bad' };
    await nextTick();
    expect(alerting.value).toEqual([]);
  });

  it('takes a reading after a gap in the figures as the first one', async () => {
    await read({ threeRingRate: 'ok' });
    await read(null);
    await read({ threeRingRate: 'bad' });
    expect(alerting.value).toEqual([]);
  });

  it('plays the two tones only with the sound on', async () => {
    await read({ threeRingRate: 'ok', asaS: 'ok' });
    await read({ threeRingRate: 'bad', asaS: 'ok' });
    expect(alerting.value).toEqual(['threeRingRate']);
    expect(oscillators).toBe(0);

    sound.value = true;
    // Two tiles turning red at once still sound once: two tones.
    await read({ threeRingRate: 'ok', asaS: 'ok' });
    await read({ threeRingRate: 'bad', asaS: 'bad' });
    expect(oscillators).toBe(2);
  });

  it('stops its alerts when the page goes', async () => {
    await read({ threeRingRate: 'ok' });
    await read({ threeRingRate: 'bad' });
    scope.stop();
    expect(alerting.value).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
