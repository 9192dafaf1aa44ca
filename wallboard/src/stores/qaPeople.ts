import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import { fetchPeople, type QaPeople } from '../api/qa';

/**
 * Names behind the ids QA screens show: reviewers (user ids) and agents
 * (agent ids), loaded once per session with `ensure()`. Until they arrive, or
 * for an id the server did not name, the id itself is shown.
 */
export const useQaPeopleStore = defineStore('qaPeople', () => {
  const people = shallowRef<QaPeople>({ reviewers: [], agents: [] });
  let loading: Promise<void> | null = null;

  const reviewerNames = computed(() => new Map(people.value.reviewers.map((r) => [r.id, r.name])));
  const agentNames = computed(() => new Map(people.value.agents.map((a) => [a.agentId, a.name])));

  /** Loads the names once; a failure leaves ids on screen and is tried again on the next call. */
  function ensure(): Promise<void> {
    loading ??= fetchPeople().then(
      (loaded) => {
        people.value = loaded;
      },
      () => {
        loading = null;
      },
    );
    return loading;
  }

  const reviewerName = (id: string | null | undefined): string => (id ? (reviewerNames.value.get(id) ?? id) : '');
  const agentName = (id: string | null | undefined): string => (id ? (agentNames.value.get(id) ?? id) : '');

  function reset(): void {
    people.value = { reviewers: [], agents: [] };
    loading = null;
  }

  return { people, ensure, reviewerName, agentName, reset };
});
