/**
 * Runs `run` at most every `ms`: at once after a quiet spell; within a burst,
 * once when `ms` has passed since the last run (which then sees the newest
 * state). `lastRunAt` counts a run already made, e.g. a value shown on mount.
 */
export function throttle(run: () => void, ms: number, lastRunAt = -Infinity) {
  let last = lastRunAt;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function now(): void {
    clearTimeout(timer);
    timer = undefined;
    last = Date.now();
    run();
  }

  return {
    /** A change: run now or once the interval is over. */
    request(): void {
      const wait = last + ms - Date.now();
      if (wait <= 0) now();
      else timer ??= setTimeout(now, wait);
    },
    /** Run at once, whatever the interval (e.g. the connection's status changed). */
    now,
    /** Drop a pending run. */
    cancel(): void {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
