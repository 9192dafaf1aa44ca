import type { LiveStatus } from './connection';

/** Why the wallboard must warn that its figures are not live: a key under `wallboard.live` in the locales. */
export type LiveBanner = 'resyncing' | 'disconnected' | 'stale' | 'signedOut' | 'forbidden';

/**
 * The warning to show, or null when the figures are live (or still loading for
 * the first time, which the page shows as loading). No message for more than
 * 5 s is a warning in any state that claims to be receiving.
 */
export function liveBanner(status: LiveStatus, stale: boolean): LiveBanner | null {
  switch (status) {
    case 'live':
    case 'connecting':
      return stale ? 'stale' : null;
    case 'resyncing':
    case 'disconnected':
    case 'signedOut':
    case 'forbidden':
      return status;
  }
}
