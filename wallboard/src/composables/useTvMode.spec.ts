import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref, type EffectScope, type Ref } from 'vue';
import { useTvMode } from './useTvMode';

/** A screen wake lock the browser can drop, as it does when the tab is hidden. */
class FakeSentinel {
  released = false;
  release = vi.fn(async () => {
    this.released = true;
  });
}

const root = document.documentElement;
let visibility: DocumentVisibilityState = 'visible';
let sentinels: FakeSentinel[];
let request: ReturnType<typeof vi.fn>;
let requestFullscreen: ReturnType<typeof vi.fn>;
let scope: EffectScope;
let active: Ref<boolean>;

function start(on: boolean) {
  active = ref(on);
  scope = effectScope();
  return scope.run(() => useTvMode(active))!;
}

function setVisibility(state: DocumentVisibilityState) {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}

beforeEach(() => {
  visibility = 'visible';
  sentinels = [];
  request = vi.fn(async (_type: string) => {
    const sentinel = new FakeSentinel();
    sentinels.push(sentinel);
    return sentinel;
  });
  requestFullscreen = vi.fn(() => Promise.resolve());
  Object.defineProperty(navigator, 'wakeLock', { value: { request }, configurable: true });
  Object.defineProperty(document, 'visibilityState', { get: () => visibility, configurable: true });
  Object.defineProperty(root, 'requestFullscreen', { value: requestFullscreen, configurable: true, writable: true });
});

afterEach(() => {
  scope.stop();
  Reflect.deleteProperty(navigator, 'wakeLock');
  Reflect.deleteProperty(document, 'visibilityState');
  Reflect.deleteProperty(root, 'requestFullscreen');
});

describe('useTvMode', () => {
  it('turns the page dark and into a wall display', () => {
    start(true);
    expect(root.dataset.theme).toBe('dark');
    expect(root.classList.contains('tv')).toBe(true);
  });

  it('gives the page back its own theme when TV mode ends', async () => {
    start(true);
    active.value = false;
    await nextTick();
    expect(root.dataset.theme).toBeUndefined();
    expect(root.classList.contains('tv')).toBe(false);
  });

  it('leaves the page alone outside TV mode', async () => {
    start(false);
    await flushPromises();
    expect(root.dataset.theme).toBeUndefined();
    expect(root.classList.contains('tv')).toBe(false);
    expect(request).not.toHaveBeenCalled();
  });

  it('keeps the screen on while in TV mode and lets it sleep after', async () => {
    start(true);
    await flushPromises();
    expect(request).toHaveBeenCalledTimes(1);
    expect(request).toHaveBeenCalledWith('screen');

    active.value = false;
    await nextTick();
    expect(sentinels[0]!.release).toHaveBeenCalledTimes(1);
  });

  it('takes the wake lock again when the tab comes back', async () => {
    start(true);
    await flushPromises();
    // Hiding the tab makes the browser drop the lock.
    sentinels[0]!.released = true;
    setVisibility('hidden');
    await flushPromises();
    expect(request).toHaveBeenCalledTimes(1);

    setVisibility('visible');
    await flushPromises();
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('does not ask twice while the lock is held', async () => {
    start(true);
    await flushPromises();
    setVisibility('visible');
    await flushPromises();
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('stops taking the lock on tab changes once TV mode ends', async () => {
    start(true);
    await flushPromises();
    active.value = false;
    await nextTick();
    setVisibility('hidden');
    setVisibility('visible');
    await flushPromises();
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('goes full screen on the first touch only', () => {
    start(true);
    window.dispatchEvent(new Event('pointerdown'));
    window.dispatchEvent(new Event('pointerdown'));
    expect(requestFullscreen).toHaveBeenCalledTimes(1);
  });

  it('does not go full screen on a touch outside TV mode', () => {
    start(false);
    window.dispatchEvent(new Event('pointerdown'));
    window.dispatchEvent(new Event('keydown'));
    expect(requestFullscreen).not.toHaveBeenCalled();
  });

  it('goes full screen from the button', () => {
    const { toggleFullscreen } = start(false);
    toggleFullscreen();
    expect(requestFullscreen).toHaveBeenCalledTimes(1);
  });

  it('keeps going where the browser has no wake lock', async () => {
    Reflect.deleteProperty(navigator, 'wakeLock');
    start(true);
    await flushPromises();
    expect(root.classList.contains('tv')).toBe(true);
  });
});
