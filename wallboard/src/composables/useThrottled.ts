import { onScopeDispose, shallowRef, watch, type ShallowRef } from 'vue';
import { frameThrottle } from '../throttle';

/** Hourly charts redraw at most once a second: an hour's bar moves by one call, not by the millisecond. */
export const CHART_REDRAW_MS = 1_000;

/**
 * `source()` at most every `ms`, taken in an animation frame (never while the
 * change that moved it is being handled): a change after a quiet spell in the
 * next frame, the newest of a burst in the first frame once `ms` has passed
 * since the last one shown.
 */
export function useThrottled<T>(source: () => T, ms: number): Readonly<ShallowRef<T>> {
  const out = shallowRef(source());
  const redraw = frameThrottle(() => (out.value = source()), ms, Date.now());
  watch(source, () => redraw.request());
  onScopeDispose(() => redraw.cancel());
  return out;
}
