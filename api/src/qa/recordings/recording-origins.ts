/**
 * Which recording addresses the API may fetch. An event names a recording's
 * URL; the server fetches it only when its origin (scheme, host and port, as
 * the WHATWG URL parser reads them — the same parser `fetch` uses) is on
 * CALLBOARD_RECORDING_ORIGINS, so an event cannot make the server fetch an
 * arbitrary address. The simulator's recordings are generated, never fetched.
 */
import { isSimulatedRecording } from '../../demo/demo-recording.js';

export type RecordingSource = { kind: 'simulated'; url: URL } | { kind: 'remote'; url: URL } | { kind: 'refused'; reason: string };

/**
 * Where a recording comes from. `allowed` holds origins as `URL.origin`
 * writes them (lower-case host, punycode, no default port).
 */
export function recordingSource(address: string, allowed: readonly string[]): RecordingSource {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return { kind: 'refused', reason: 'the recording address is not a URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { kind: 'refused', reason: 'the recording address is not http(s)' };
  // Credentials in a URL would be sent to the server and may end up in its logs; a recording store authenticates otherwise.
  if (url.username !== '' || url.password !== '')
    return { kind: 'refused', reason: 'the recording address carries a user name or password' };
  if (isSimulatedRecording(url)) return { kind: 'simulated', url };
  if (!allowed.includes(url.origin)) return { kind: 'refused', reason: 'the recording origin is not on CALLBOARD_RECORDING_ORIGINS' };
  return { kind: 'remote', url };
}
