import { watch } from 'vue';
import { useRouter } from 'vue-router';
import { loadKioskToken } from '../kioskToken';
import { loginFor } from '../router';
import { useAdminStore } from '../stores/admin';
import { useLiveStore } from '../stores/live';
import { useQaPeopleStore } from '../stores/qaPeople';
import { useSessionStore } from '../stores/session';
import { useSettingsStore } from '../stores/settings';
import { useTodayStore } from '../stores/today';

/**
 * What follows from the session changing, for the whole app (used once, by
 * `App.vue`):
 * - the server ended it (any 401): leave the page for the login form, which
 *   says why and comes back here afterwards; a wall screen signs in again with
 *   its stored display token instead;
 * - someone else signed in: forget the figures and lists of the one before,
 *   and close the live connection that was theirs;
 * - the live connection was ended by the server: check the session (a 401 then
 *   leads to the login page, or a wall display's new sign-in);
 * - fetch today's figures once for the demo badge when the session may read them.
 */
export function useSessionEffects(): void {
  const router = useRouter();
  const session = useSessionStore();
  const today = useTodayStore();
  const admin = useAdminStore();
  const settings = useSettingsStore();
  const live = useLiveStore();
  const qaPeople = useQaPeopleStore();

  // The live connection learnt first that the session is over (the server ended the socket): ask, so the rest follows.
  watch(
    () => live.status,
    (status) => {
      if (status === 'signedOut' && session.signedIn) void session.load();
    },
  );

  watch(
    () => session.expired,
    (expired) => {
      const current = router.currentRoute.value;
      if (!expired || current.meta.public) return;
      void router.replace(loadKioskToken() ? { name: 'kiosk' } : loginFor(current.fullPath, true));
    },
  );

  watch(
    () => session.principal,
    (_now, before) => {
      if (before !== undefined) {
        today.clear();
        live.stop();
        admin.clear();
        settings.clear();
        qaPeople.reset();
      }
      if (session.can('wallboard') && !today.hasData) void today.refresh();
    },
    { immediate: true },
  );
}
