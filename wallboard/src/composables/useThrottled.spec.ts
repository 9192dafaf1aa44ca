import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, shallowRef } from 'vue';
import { useThrottled } from './useThrottled';

describe('useThrottled', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('passes a change after a quiet spell at once and the newest of a burst a second after the last shown', async () => {
    const scope = effectScope();
    const source = shallowRef(1);
    const shown = scope.run(() => useThrottled(() => source.value, 1_000))!;
    expect(shown.value).toBe(1);

    vi.advanceTimersByTime(1_500);
    source.value = 2;
    await nextTick();
    expect(shown.value).toBe(2);

    // Shown at 1,500 ms: 3 and 4 at 1,700 and 1,900 wait until 2,500 ms, and only 4 shows.
    vi.advanceTimersByTime(200);
    source.value = 3;
    await nextTick();
    vi.advanceTimersByTime(200);
    source.value = 4;
    await nextTick();
    expect(shown.value).toBe(2);
    vi.advanceTimersByTime(599);
    expect(shown.value).toBe(2);
    vi.advanceTimersByTime(1);
    expect(shown.value).toBe(4);

    scope.stop();
    source.value = 5;
    await nextTick();
    vi.advanceTimersByTime(5_000);
    expect(shown.value).toBe(4);
  });
});
