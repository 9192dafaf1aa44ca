import { onScopeDispose, shallowRef, watch, type ShallowRef } from 'vue';
import { throttle } from '../throttle';

/** Hourly charts redraw at most once a second: an hour's bar moves by one call, not by the millisecond. */
export const CHART_REDRAW_MS = 1_000;

/**
 * `source()` at most every `ms`: a change after a quiet spell at once, the
 * newest of a burst when `ms` has passed since the last one shown.
 */
export function useThrottled<T>(source: () => T, ms: number): Readonly<ShallowRef<T>> {
  const out = shallowRef(source());
  const redraw = throttle(() => (out.value = source()), ms, Date.now());
  watch(source, () => redraw.request());
  onScopeDispose(() => redraw.cancel());
  return out;
}
