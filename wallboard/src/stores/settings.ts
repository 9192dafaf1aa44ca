import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import * as api from '../api/settings';
import type { NotReadyLimit, QueueSettings, UpdateNotReadyLimitsRequest, UpdateQueueRulesRequest } from '../api/settings';

export const DEFAULT_QUEUE = '*';

const byName = (a: QueueSettings, b: QueueSettings) =>
  a.queue === DEFAULT_QUEUE ? -1 : b.queue === DEFAULT_QUEUE ? 1 : a.queue.localeCompare(b.queue);

/**
 * Queue rules and not-ready limits as the server last answered: '*' (the
 * default) first, then the queues by name. Actions reject with the server's
 * `ApiError`; the page shows it.
 */
export const useSettingsStore = defineStore('settings', () => {
  const queues = shallowRef<QueueSettings[]>([]);
  const limits = shallowRef<NotReadyLimit[]>([]);

  async function loadQueues(): Promise<void> {
    queues.value = await api.fetchQueueSettings();
  }

  async function loadLimits(): Promise<void> {
    limits.value = await api.fetchNotReadyLimits();
  }

  /** Saves a queue's rules; saving the default reloads every queue, since those without rules of their own follow it. */
  async function saveQueue(queue: string, request: UpdateQueueRulesRequest): Promise<QueueSettings> {
    const saved = await api.saveQueueRules(queue, request);
    if (queue === DEFAULT_QUEUE) await loadQueues();
    else queues.value = [...queues.value.filter((q) => q.queue !== queue), saved].sort(byName);
    return saved;
  }

  async function saveLimits(request: UpdateNotReadyLimitsRequest): Promise<void> {
    limits.value = await api.saveNotReadyLimits(request);
  }

  function clear(): void {
    queues.value = [];
    limits.value = [];
  }

  return { queues, limits, loadQueues, loadLimits, saveQueue, saveLimits, clear };
});
