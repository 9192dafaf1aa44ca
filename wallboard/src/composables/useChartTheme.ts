import { computed, onScopeDispose, shallowRef, type ComputedRef } from 'vue';
import type { ChartTheme } from '../charts/palette';

const LIGHT_QUERY = '(prefers-color-scheme: light)';

function forcedTheme(): ChartTheme | null {
  const value = document.documentElement.dataset.theme;
  return value === 'dark' || value === 'light' ? value : null;
}

/**
 * The theme charts are drawn in, following the page's: `data-theme` on
 * `<html>` when set (TV mode forces dark), otherwise the system preference.
 * Dark unless the system asks for light, as in `styles.css`: wallboards hang
 * in dim rooms. Follows both as they change, until the calling scope ends.
 */
export function useChartTheme(): ComputedRef<ChartTheme> {
  const forced = shallowRef(forcedTheme());
  const media = typeof matchMedia === 'function' ? matchMedia(LIGHT_QUERY) : null;
  const prefersLight = shallowRef(media?.matches ?? false);

  const attributes = new MutationObserver(() => (forced.value = forcedTheme()));
  attributes.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  const onMediaChange = (event: MediaQueryListEvent) => (prefersLight.value = event.matches);
  media?.addEventListener('change', onMediaChange);

  onScopeDispose(() => {
    attributes.disconnect();
    media?.removeEventListener('change', onMediaChange);
  });

  return computed(() => forced.value ?? (prefersLight.value ? 'light' : 'dark'));
}
