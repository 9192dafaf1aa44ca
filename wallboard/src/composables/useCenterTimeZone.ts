import { computed, type ComputedRef } from 'vue';
import { useSessionStore } from '../stores/session';
import { useTodayStore } from '../stores/today';
import { browserTimeZone } from '../time';

/**
 * The center's time zone, as the session (or today's figures) state it; the
 * browser's own zone only before either has arrived.
 */
export function useCenterTimeZone(): ComputedRef<string> {
  const session = useSessionStore();
  const today = useTodayStore();
  return computed(() => session.info?.tz ?? today.snapshot?.tz ?? browserTimeZone());
}
