import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { ApiError, fetchToday, type TodayQueue, type TodayResponse } from '../api/today';

/** Queue names as people read them: "queue-2" before "queue-10". */
const queueOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Today's figures per queue as last received from the API. A failed refresh
 * keeps the last figures and records the error, so a wallboard never goes
 * blank because of one bad request.
 */
export const useTodayStore = defineStore('today', () => {
  const snapshot = shallowRef<TodayResponse | null>(null);
  const error = shallowRef<ApiError | null>(null);
  const loading = ref(false);
  let inFlight: Promise<void> | null = null;

  const hasData = computed(() => snapshot.value !== null);
  const isEmpty = computed(() => snapshot.value !== null && snapshot.value.queues.length === 0);
  const demo = computed(() => snapshot.value?.demo === true);
  const totals = computed(() => snapshot.value?.totals ?? null);
  const queues = computed<TodayQueue[]>(() =>
    snapshot.value ? [...snapshot.value.queues].sort((a, b) => queueOrder.compare(a.queue, b.queue)) : [],
  );

  function receive(response: TodayResponse): void {
    snapshot.value = response;
    error.value = null;
  }

  /**
   * Fetches the figures once. Calls made while a request is under way share it,
   * so a slow API never piles up requests from several callers.
   */
  function refresh(): Promise<void> {
    if (inFlight) return inFlight;
    loading.value = true;
    inFlight = (async () => {
      try {
        receive(await fetchToday());
      } catch (caught) {
        error.value = caught instanceof ApiError ? caught : new ApiError(String(caught), { cause: caught });
      } finally {
        loading.value = false;
        inFlight = null;
      }
    })();
    return inFlight;
  }

  /** Forgets the figures, e.g. when another person signs in on this screen. */
  function clear(): void {
    snapshot.value = null;
    error.value = null;
  }

  return { snapshot, error, loading, hasData, isEmpty, demo, totals, queues, receive, refresh, clear };
});
