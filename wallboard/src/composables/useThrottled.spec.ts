import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, shallowRef } from 'vue';
import { useThrottled } from './useThrottled';

describe('useThrottled', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('passes a change after a quiet spell in the next frame and the newest of a burst in the first frame a second after the last shown', async () => {
    const scope = effectScope();
    const source = shallowRef(1);
    const shown = scope.run(() => useThrottled(() => source.value, 1_000))!;
    expect(shown.value).toBe(1);

    vi.advanceTimersByTime(1_500);
    source.value = 2;
    await nextTick();
    // Not while the change is handled: in the frame after it.
    expect(shown.value).toBe(1);
    vi.advanceTimersToNextFrame();
    expect(shown.value).toBe(2);
    const shownAt = Date.now();
    expect(shownAt - 1_500).toBeLessThanOrEqual(16);

    // 3 and 4, 200 and 400 ms later, wait until a second has passed since 2 was shown, and only 4 shows.
    vi.advanceTimersByTime(200);
    source.value = 3;
    await nextTick();
    vi.advanceTimersByTime(200);
    source.value = 4;
    await nextTick();
    expect(shown.value).toBe(2);
    vi.advanceTimersByTime(shownAt + 1_000 - Date.now());
    expect(shown.value).toBe(2);
    vi.advanceTimersToNextFrame();
    expect(shown.value).toBe(4);
    expect(Date.now() - shownAt).toBeLessThanOrEqual(1_016);

    scope.stop();
    source.value = 5;
    await nextTick();
    vi.advanceTimersByTime(5_000);
    expect(shown.value).toBe(4);
  });
});
