/** The call of a calibration as the player takes it. */
import type { CalibrationDetail, CallMedia } from '../../api/qa';

/**
 * The call facts, recording, transcript and findings of a session; null when
 * the server sent none of them (then there is nothing to play).
 */
export function callMediaOf(c: CalibrationDetail): CallMedia | null {
  if (c.call === undefined && c.recording === undefined && c.transcript === undefined) return null;
  return { call: c.call ?? null, recording: c.recording ?? null, transcript: c.transcript ?? null, findings: c.findings ?? [] };
}
