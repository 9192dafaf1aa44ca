import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import { useRotation } from './useRotation';

beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] }));
afterEach(() => vi.useRealTimers());

describe('useRotation', () => {
  it('moves on every interval and wraps round', () => {
    const scope = effectScope();
    const index = scope.run(() => useRotation(() => ({ count: 3, everyS: 15 })))!;
    expect(index.value).toBe(0);
    vi.advanceTimersByTime(14_999);
    expect(index.value).toBe(0);
    vi.advanceTimersByTime(1);
    expect(index.value).toBe(1);
    // 15 s × 2 more: 2, then back to 0.
    vi.advanceTimersByTime(30_000);
    expect(index.value).toBe(0);
    scope.stop();
  });

  it('starts again from the first scope when the list changes, and stands still with one', async () => {
    const count = ref(3);
    const scope = effectScope();
    const index = scope.run(() => useRotation(() => ({ count: count.value, everyS: 10 })))!;
    vi.advanceTimersByTime(10_000);
    expect(index.value).toBe(1);
    count.value = 1;
    await nextTick();
    expect(index.value).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(index.value).toBe(0);
    scope.stop();
  });

  it('stops with its scope', () => {
    const scope = effectScope();
    const index = scope.run(() => useRotation(() => ({ count: 2, everyS: 10 })))!;
    scope.stop();
    // Running, it would show the second scope after 10 s.
    vi.advanceTimersByTime(10_000);
    expect(index.value).toBe(0);
  });
});
