import { onScopeDispose, ref, watch, type Ref } from 'vue';
import type { TileLevel } from '../tiles/thresholds';

/** How long a tile that just turned red draws the eye. */
export const ALERT_MS = 6_000;

/**
 * The tiles that turned red between two readings. A tile seen for the first
 * time is not news (a page opening on a bad morning does not beep), and
 * neither is one that stays red.
 */
export function newlyRed(before: Readonly<Record<string, TileLevel>> | null, after: Readonly<Record<string, TileLevel>>): string[] {
  if (before === null) return [];
  return Object.keys(after).filter((key) => after[key] === 'bad' && before[key] !== undefined && before[key] !== 'bad');
}

let audio: AudioContext | null = null;

/** Two short tones; silent where the browser has no Web Audio or has not been allowed to play yet. */
export function playAlertSound(): void {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
    const start = audio.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.22, 660],
    ] as const) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.25, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.18);
      tone.connect(gain).connect(audio.destination);
      tone.start(start + offset);
      tone.stop(start + offset + 0.2);
    }
  } catch {
    // No audio device or no permission: the visual alert still shows.
  }
}

/** Lets the browser play later alerts: call from the click that turns sound on. */
export function unlockAlertSound(): void {
  try {
    audio ??= new AudioContext();
    void audio.resume();
  } catch {
    // As above.
  }
}

/**
 * Watches tile levels and reports the tiles that turned red in the last few
 * seconds (for a visual alert) and plays a sound when `sound` is on. `key`
 * names what is on screen: when it changes (another scope) the levels start
 * afresh rather than alerting on the difference between two scopes.
 */
export function useRedAlert(levels: Ref<Record<string, TileLevel> | null>, key: Ref<string>, sound: Ref<boolean>) {
  const alerting = ref<string[]>([]);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let before: Record<string, TileLevel> | null = null;

  function clear(): void {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    alerting.value = [];
  }

  watch(key, () => {
    before = null;
    clear();
  });

  watch(levels, (after) => {
    if (after === null) {
      before = null;
      return;
    }
    const red = newlyRed(before, after);
    before = { ...after };
    if (red.length === 0) return;
    for (const metric of red) {
      clearTimeout(timers.get(metric));
      timers.set(
        metric,
        setTimeout(() => {
          timers.delete(metric);
          alerting.value = alerting.value.filter((m) => m !== metric);
        }, ALERT_MS),
      );
    }
    alerting.value = [...new Set([...alerting.value, ...red])];
    if (sound.value) playAlertSound();
  });

  onScopeDispose(clear);
  return { alerting };
}
