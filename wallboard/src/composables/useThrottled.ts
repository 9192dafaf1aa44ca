import { onScopeDispose, shallowRef, watch, type ShallowRef } from 'vue';

/** Hourly charts redraw at most once a second: an hour's bar moves by one call, not by the millisecond. */
export const CHART_REDRAW_MS = 1_000;

/**
 * `source()` at most every `ms`: a change after a quiet spell at once, the
 * newest of a burst when `ms` has passed since the last one shown.
 */
export function useThrottled<T>(source: () => T, ms: number): Readonly<ShallowRef<T>> {
  const out = shallowRef(source());
  let shownAt = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;

  function show(): void {
    clearTimeout(timer);
    timer = undefined;
    shownAt = Date.now();
    out.value = source();
  }

  watch(source, () => {
    const wait = shownAt + ms - Date.now();
    if (wait <= 0) show();
    else timer ??= setTimeout(show, wait);
  });

  onScopeDispose(() => clearTimeout(timer));
  return out;
}
