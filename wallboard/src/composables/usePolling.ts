import { onMounted, onScopeDispose } from 'vue';

/**
 * Runs `task` when the component mounts, then again `intervalMs` after each
 * run has settled (so a slow response delays the next one instead of
 * overlapping it). Stops when the component unmounts.
 */
export function usePolling(task: () => Promise<unknown>, intervalMs: number): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let active = false;

  async function tick(): Promise<void> {
    try {
      await task();
    } finally {
      if (active) timer = setTimeout(() => void tick(), intervalMs);
    }
  }

  onMounted(() => {
    active = true;
    void tick();
  });

  onScopeDispose(() => {
    active = false;
    clearTimeout(timer);
  });
}
