import { defineStore } from 'pinia';
import { computed, onScopeDispose, ref, shallowRef } from 'vue';
import * as auth from '../api/auth';
import type { Capability, Role, SessionInfo } from '../api/auth';
import { ApiError, connectSession, isApiError } from '../api/http';
import { forgetKioskToken } from '../kioskToken';

/**
 * Sessions end after about 15 idle minutes and every request extends them, so
 * asking for the session every 4 minutes keeps a wallboard left open all day
 * signed in (and refreshes the CSRF token and expiry).
 */
export const KEEP_ALIVE_MS = 4 * 60_000;

/**
 * Who is signed in, as the server last said (`GET /api/v1/auth/session`), and
 * what they may do. The server decides; `can()` only spares people links and
 * pages they would be refused.
 */
export const useSessionStore = defineStore('session', () => {
  const info = shallowRef<SessionInfo | null>(null);
  /** The server has answered once (a session or none): the router can decide. */
  const loaded = ref(false);
  /** The last session ended by itself (a 401), not by signing out: the login page says so. */
  const expired = ref(false);
  /** Why the session could not be asked for (the server is unreachable); `null` once it answered. */
  const loadError = shallowRef<ApiError | null>(null);
  let inFlight: Promise<void> | null = null;
  /** A 401 while signing out only means the session was over already: not worth an "expired" notice. */
  let signingOut = false;

  const signedIn = computed(() => info.value !== null);
  const isKiosk = computed(() => info.value?.kind === 'kiosk');
  /** The session's role (`null` signed out). */
  const role = computed<Role | null>(() => info.value?.role ?? null);
  /** The signed-in user's agent id, for an agent's own results. */
  const agentId = computed(() => info.value?.user?.agentId ?? null);
  const capabilities = computed<ReadonlySet<Capability>>(() => new Set(info.value?.capabilities ?? []));
  /** Who the session belongs to; changes when someone else signs in on this screen. */
  const principal = computed(() => {
    const current = info.value;
    if (!current) return null;
    return current.kind === 'kiosk' ? `kiosk:${current.kiosk?.id ?? ''}` : `user:${current.user?.id ?? ''}`;
  });

  function can(capability: Capability): boolean {
    return capabilities.value.has(capability);
  }

  function canAny(wanted: readonly Capability[]): boolean {
    return wanted.some((capability) => capabilities.value.has(capability));
  }

  function receive(next: SessionInfo): void {
    info.value = next;
    loaded.value = true;
    expired.value = false;
    loadError.value = null;
    startKeepAlive();
  }

  function clear(): void {
    info.value = null;
    stopKeepAlive();
  }

  /** The server ended the session: forget it, and remember why. */
  function expire(): void {
    if (info.value !== null && !signingOut) expired.value = true;
    clear();
    loaded.value = true;
  }

  /**
   * Asks the server who is signed in. A 401 means nobody; a failure to reach
   * the server keeps a session already known (a wallboard must ride out a
   * restart of the API) and is recorded in `loadError`.
   */
  function load(): Promise<void> {
    if (inFlight) return inFlight;
    inFlight = (async () => {
      try {
        receive(await auth.fetchSession());
      } catch (caught) {
        if (isApiError(caught, 401)) {
          expire();
        } else {
          loadError.value = caught instanceof ApiError ? caught : new ApiError(String(caught), { cause: caught });
        }
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  }

  /** Loads the session the first time it is needed. */
  async function ensureLoaded(): Promise<void> {
    if (!loaded.value) await load();
  }

  /** Signs a person in; rejects with the server's `ApiError` (bad credentials, too many attempts). */
  async function login(username: string, password: string): Promise<void> {
    const next = await auth.login({ username, password });
    // A person signing in on this device means it is not (or no longer) a wall screen.
    forgetKioskToken();
    receive(next);
  }

  /** Signs a wall screen in with its display token; rejects with `BAD_TOKEN` when it is unknown or revoked. */
  async function kioskSignIn(token: string): Promise<void> {
    receive(await auth.kioskSignIn({ token }));
  }

  /** Ends the session on the server; forgets it here even when the server cannot be reached. */
  async function logout(): Promise<void> {
    signingOut = true;
    try {
      await auth.logout();
    } finally {
      signingOut = false;
      expired.value = false;
      clear();
      loaded.value = true;
    }
  }

  let keepAliveTimer: ReturnType<typeof setInterval> | undefined;

  function onVisibilityChange(): void {
    // Back from a sleeping laptop or a hidden tab: learn at once whether the session survived.
    if (document.visibilityState === 'visible' && info.value !== null) void load();
  }

  function startKeepAlive(): void {
    if (keepAliveTimer !== undefined) return;
    keepAliveTimer = setInterval(() => void load(), KEEP_ALIVE_MS);
    globalThis.document?.addEventListener('visibilitychange', onVisibilityChange);
  }

  function stopKeepAlive(): void {
    clearInterval(keepAliveTimer);
    keepAliveTimer = undefined;
    globalThis.document?.removeEventListener('visibilitychange', onVisibilityChange);
  }

  connectSession({
    csrfToken: () => info.value?.csrfToken ?? null,
    ended: () => expire(),
    refresh: () => load(),
  });

  onScopeDispose(() => {
    stopKeepAlive();
    connectSession(null);
  });

  return {
    info,
    loaded,
    expired,
    loadError,
    signedIn,
    isKiosk,
    role,
    agentId,
    capabilities,
    principal,
    can,
    canAny,
    load,
    ensureLoaded,
    login,
    kioskSignIn,
    logout,
    expire,
    clear,
  };
});

export type SessionStore = ReturnType<typeof useSessionStore>;
