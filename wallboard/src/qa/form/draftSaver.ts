/**
 * Saves a reviewer's answers as they work, without a save button: changes are
 * gathered for a moment (debounced), one request at a time, and the latest
 * answers always end up saved. A failed save is kept and tried again on the
 * next change, or by `flush()` (submitting and leaving the page flush first).
 */

export type DraftState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'failed'; error: unknown };

export interface DraftSaverOptions<T> {
  save: (value: T) => Promise<unknown>;
  onState: (state: DraftState) => void;
  /** How long changes are gathered before a save. */
  delayMs?: number;
  now?: () => Date;
}

export interface DraftSaver<T> {
  /** A new value to save (the latest wins). */
  change(value: T): void;
  /** Saves now whatever is unsaved and waits; rejects with the error when the latest value could not be saved. */
  flush(): Promise<void>;
  /** Something is not saved yet (waiting, in flight or failed). */
  dirty(): boolean;
  /** Stops the timer; nothing more is saved. */
  dispose(): void;
}

export const DRAFT_DELAY_MS = 800;

export function createDraftSaver<T>({
  save,
  onState,
  delayMs = DRAFT_DELAY_MS,
  now = () => new Date(),
}: DraftSaverOptions<T>): DraftSaver<T> {
  let pending: { value: T } | null = null;
  let inFlight: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastError: unknown = null;
  let disposed = false;

  function clearTimer(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  function start(): Promise<void> | null {
    if (inFlight || !pending || disposed) return inFlight;
    const { value } = pending;
    pending = null;
    lastError = null;
    onState({ kind: 'saving' });
    inFlight = save(value).then(
      () => {
        inFlight = null;
        if (pending) {
          // Answers changed while this save was out: save them once their wait is over (or now, if it is).
          if (timer === null) void start();
          return;
        }
        onState({ kind: 'saved', at: now() });
      },
      (error: unknown) => {
        inFlight = null;
        lastError = error;
        // Nothing newer arrived: keep these answers for the next attempt.
        pending ??= { value };
        onState({ kind: 'failed', error });
      },
    );
    return inFlight;
  }

  function change(value: T): void {
    if (disposed) return;
    pending = { value };
    clearTimer();
    timer = setTimeout(() => {
      timer = null;
      void start();
    }, delayMs);
  }

  async function flush(): Promise<void> {
    clearTimer();
    for (;;) {
      if (inFlight) {
        await inFlight;
        continue;
      }
      if (!pending || disposed) return;
      await start();
      if (lastError !== null && pending) throw lastError;
    }
  }

  return {
    change,
    flush,
    dirty: () => pending !== null || inFlight !== null,
    dispose() {
      disposed = true;
      clearTimer();
    },
  };
}
