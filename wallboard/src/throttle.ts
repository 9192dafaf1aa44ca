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

/**
 * A frame that stands in for the next animation frame: the browser gives none
 * to a hidden tab (a wallboard left behind another tab still follows, at the
 * pace the browser lets its timers run).
 */
export const FRAME_FALLBACK_MS = 250;

function nextFrame(run: () => void): () => void {
  if (typeof requestAnimationFrame !== 'function') {
    const timer = setTimeout(run, 0);
    return () => clearTimeout(timer);
  }
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    run();
  };
  const frame = requestAnimationFrame(once);
  const timer = setTimeout(once, FRAME_FALLBACK_MS);
  return () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/**
 * Runs `run` at most every `ms`, always in an animation frame, never from
 * `request()` itself: whatever asks (a message from the server, many of them
 * in a burst) only marks the work as due, and the work is done once, just
 * before the browser draws — at the next frame after a quiet spell, within a
 * burst at the first frame once `ms` has passed since the last run (which then
 * sees the newest state). `lastRunAt` counts a run already made, e.g. a value
 * shown on mount.
 */
export function frameThrottle(run: () => void, ms: number, lastRunAt = -Infinity) {
  let last = lastRunAt;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancelFrame: (() => void) | undefined;

  function cancel(): void {
    clearTimeout(timer);
    timer = undefined;
    cancelFrame?.();
    cancelFrame = undefined;
  }

  function now(): void {
    cancel();
    last = Date.now();
    run();
  }

  function inFrame(): void {
    cancelFrame ??= nextFrame(() => {
      cancelFrame = undefined;
      now();
    });
  }

  return {
    /** A change: run in the next frame, or in the first frame once the interval is over. */
    request(): void {
      if (timer !== undefined || cancelFrame !== undefined) return;
      const wait = last + ms - Date.now();
      if (wait <= 0) inFrame();
      else
        timer = setTimeout(() => {
          timer = undefined;
          inFrame();
        }, wait);
    },
    /** Run at once, whatever the interval (e.g. the connection's status changed); a run that was due is done with it. */
    now,
    /** Drop a pending run. */
    cancel,
  };
}
