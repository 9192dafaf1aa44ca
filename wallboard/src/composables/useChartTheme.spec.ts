import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, type EffectScope } from 'vue';
import { useChartTheme } from './useChartTheme';

/** A `prefers-color-scheme: light` query whose answer the test changes. */
function systemPrefersLight(matches: boolean) {
  const listeners = new Set<(event: { matches: boolean }) => void>();
  const media = {
    matches,
    addEventListener: (_type: string, listener: (event: { matches: boolean }) => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: (event: { matches: boolean }) => void) => listeners.delete(listener),
    change(next: boolean) {
      media.matches = next;
      for (const listener of listeners) listener({ matches: next });
    },
    listeners,
  };
  const query = vi.fn((_query: string) => media);
  vi.stubGlobal('matchMedia', query);
  return { media, query };
}

// MutationObserver records are delivered after the current task's microtasks.
const mutationsDelivered = () => new Promise((resolve) => setTimeout(resolve, 0));

let scope: EffectScope;
beforeEach(() => {
  scope = effectScope();
});
afterEach(() => {
  scope.stop();
  delete document.documentElement.dataset.theme;
});

describe('useChartTheme', () => {
  it('follows data-theme on <html> as it changes, over the system preference', async () => {
    systemPrefersLight(true);
    document.documentElement.dataset.theme = 'dark';
    const theme = scope.run(useChartTheme)!;
    expect(theme.value).toBe('dark');

    document.documentElement.dataset.theme = 'light';
    await mutationsDelivered();
    expect(theme.value).toBe('light');

    document.documentElement.dataset.theme = 'dark';
    await mutationsDelivered();
    expect(theme.value).toBe('dark');
  });

  it('falls back to the system preference when data-theme is absent or not a theme', async () => {
    systemPrefersLight(true);
    document.documentElement.dataset.theme = 'tv';
    const theme = scope.run(useChartTheme)!;
    expect(theme.value).toBe('light');

    document.documentElement.dataset.theme = 'dark';
    await mutationsDelivered();
    expect(theme.value).toBe('dark');

    delete document.documentElement.dataset.theme;
    await mutationsDelivered();
    expect(theme.value).toBe('light');
  });

  it('follows the system preference as it changes, dark unless it asks for light', () => {
    const { media, query } = systemPrefersLight(false);
    const theme = scope.run(useChartTheme)!;
    expect(query).toHaveBeenCalledWith('(prefers-color-scheme: light)');
    expect(theme.value).toBe('dark');

    media.change(true);
    expect(theme.value).toBe('light');
    media.change(false);
    expect(theme.value).toBe('dark');
  });

  it('stops listening when its scope ends', async () => {
    const { media } = systemPrefersLight(false);
    const theme = scope.run(useChartTheme)!;
    expect(media.listeners.size).toBe(1);
    scope.stop();
    expect(media.listeners.size).toBe(0);

    document.documentElement.dataset.theme = 'light';
    await mutationsDelivered();
    expect(theme.value).toBe('dark');
  });
});
