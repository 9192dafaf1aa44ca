import { computed, type ComputedRef } from 'vue';
import { useTodayStore } from '../stores/today';
import { browserTimeZone } from '../time';

/**
 * The center's time zone, as the API states it with today's figures; the
 * browser's own zone until those have arrived (or for a session that may not
 * read them).
 */
export function useCenterTimeZone(): ComputedRef<string> {
  const today = useTodayStore();
  return computed(() => today.snapshot?.tz ?? browserTimeZone());
}
