import { ref, type Ref } from 'vue';
import { useErrorText } from './useErrorText';

export interface ActionOptions {
  /** Where a failure is shown; pass another action's `error` so that a page has one banner. A new ref if left out. */
  error?: Ref<string | null>;
  /** Whether it starts busy: for loading that starts on mount, so that the first render already says so. */
  busy?: boolean;
  /**
   * Shows a failure some other way, e.g. next to a form field; returns `false`
   * to leave it to `error`, as `errorText` words it.
   */
  onError?: (caught: unknown) => boolean;
}

/** An action that one flag marks busy: loading, saving a form. */
export interface Action {
  busy: Ref<boolean>;
  error: Ref<string | null>;
  /** Clears `error`, is busy until `task` settles and shows its failure. Never rejects. */
  run: (task: () => Promise<unknown>) => Promise<void>;
}

/** An action on one row of a list (revoke a key, disable a user): the row's id marks it busy. */
export interface KeyedAction {
  /** The row whose action is under way; `null` when none is. */
  busyId: Ref<string | null>;
  error: Ref<string | null>;
  /** Clears `error`, marks `id` busy until `task` settles and shows its failure. Never rejects. */
  run: (id: string, task: () => Promise<unknown>) => Promise<void>;
}

/** Clears `error`, awaits `task` and shows its failure; what each kind of action shares. */
function useAttempt(options: ActionOptions): { error: Ref<string | null>; attempt: (task: () => Promise<unknown>) => Promise<void> } {
  const errorText = useErrorText();
  const error = options.error ?? ref<string | null>(null);
  async function attempt(task: () => Promise<unknown>): Promise<void> {
    error.value = null;
    try {
      await task();
    } catch (caught) {
      if (!options.onError?.(caught)) error.value = errorText(caught);
    }
  }
  return { error, attempt };
}

/** A request the page makes, with its busy flag and its error for the banner. */
export function useAction(options: ActionOptions = {}): Action {
  const { error, attempt } = useAttempt(options);
  const busy = ref(options.busy ?? false);
  async function run(task: () => Promise<unknown>): Promise<void> {
    busy.value = true;
    try {
      await attempt(task);
    } finally {
      busy.value = false;
    }
  }
  return { busy, error, run };
}

/** Like `useAction`, for an action on one row of a list: `busyId` says which row. */
export function useKeyedAction(options: Omit<ActionOptions, 'busy'> = {}): KeyedAction {
  const { error, attempt } = useAttempt(options);
  const busyId = ref<string | null>(null);
  async function run(id: string, task: () => Promise<unknown>): Promise<void> {
    busyId.value = id;
    try {
      await attempt(task);
    } finally {
      busyId.value = null;
    }
  }
  return { busyId, error, run };
}
