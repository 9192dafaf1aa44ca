import { onScopeDispose, watch, type Ref } from 'vue';

interface WakeLockSentinelLike {
  released: boolean;
  release(): Promise<void>;
}

/**
 * A wall display: dark theme whatever the device prefers, the screen kept on
 * (Screen Wake Lock, taken again when the tab comes back), and full screen from
 * the first touch or key (browsers allow it only after one; a kiosk browser
 * started with `--kiosk` is full screen already).
 */
export function useTvMode(active: Ref<boolean>) {
  const root = document.documentElement;
  let lock: WakeLockSentinelLike | null = null;

  async function keepAwake(): Promise<void> {
    const wakeLock = (navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<WakeLockSentinelLike> } }).wakeLock;
    if (!wakeLock || document.visibilityState !== 'visible' || (lock && !lock.released)) return;
    try {
      const taken = await wakeLock.request('screen');
      // TV mode may have ended while the request was pending.
      if (active.value) lock = taken;
      else void taken.release().catch(() => {});
    } catch {
      // Refused (battery saver, no permission): the display's own settings decide.
    }
  }

  function onVisible(): void {
    if (active.value && document.visibilityState === 'visible') void keepAwake();
  }

  function enterFullscreen(): void {
    if (!document.fullscreenElement && root.requestFullscreen) root.requestFullscreen().catch(() => {});
  }

  function toggleFullscreen(): void {
    if (document.fullscreenElement) void document.exitFullscreen?.();
    else enterFullscreen();
  }

  function on(): void {
    root.dataset.theme = 'dark';
    root.classList.add('tv');
    void keepAwake();
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('pointerdown', enterFullscreen, { once: true });
    window.addEventListener('keydown', enterFullscreen, { once: true });
  }

  function off(): void {
    delete root.dataset.theme;
    root.classList.remove('tv');
    document.removeEventListener('visibilitychange', onVisible);
    window.removeEventListener('pointerdown', enterFullscreen);
    window.removeEventListener('keydown', enterFullscreen);
    void lock?.release().catch(() => {});
    lock = null;
  }

  watch(active, (tv) => (tv ? on() : off()), { immediate: true });
  onScopeDispose(off);

  return { toggleFullscreen };
}
