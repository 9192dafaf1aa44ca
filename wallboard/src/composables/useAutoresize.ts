import { onMounted, watch } from 'vue';
import { throttle } from '../throttle';

/** A window dragged or a panel collapsing sends a burst of boxes: the layout follows at most this often. */
export const AUTORESIZE_MS = 100;

/**
 * Calls `onResize` with the element when its box changes, at most every
 * `ms` (the newest box of a burst), and never for a box of zero width or
 * height: a hidden tab or a collapsed panel measures 0, and laying out into
 * nothing would only have to be undone. `target` returning null observes
 * nothing (e.g. while the feature is off). Call it from a component's
 * setup: observing starts once the component is mounted (its template refs
 * set) and stops when it is unmounted.
 */
export function useAutoresize(target: () => HTMLElement | null | undefined, onResize: (el: HTMLElement) => void, ms = AUTORESIZE_MS): void {
  let observed: HTMLElement | null = null;
  const hasSize = (el: HTMLElement | null): el is HTMLElement => el !== null && el.clientWidth > 0 && el.clientHeight > 0;
  // Checked when the box is reported, so that a collapse does not hold back the next real size, and again when the report runs.
  const run = throttle(() => {
    if (hasSize(observed)) onResize(observed);
  }, ms);

  // Watched from the mount on, so that a box is observed as soon as the component is on the page.
  onMounted(() =>
    watch(
      target,
      (el, _previous, onCleanup) => {
        if (!el || typeof ResizeObserver === 'undefined') return;
        observed = el;
        const observer = new ResizeObserver(() => {
          if (hasSize(el)) run.request();
        });
        observer.observe(el);
        onCleanup(() => {
          observer.disconnect();
          run.cancel();
          observed = null;
        });
      },
      { immediate: true, flush: 'post' },
    ),
  );
}
