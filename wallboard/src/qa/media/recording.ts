/**
 * Fetches a recording for the player. Audio is not JSON, so this is the one
 * request outside `api/http.ts`; a refusal still arrives as an `ApiError`
 * carrying the server's reason, which the player shows instead of a silent
 * broken waveform.
 */
import { ApiError } from '../../api/http';

export async function fetchRecording(path: string, signal?: AbortSignal): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', signal, headers: { Accept: 'audio/*, application/json' } });
  } catch (error) {
    throw new ApiError(`GET ${path} failed`, { code: 'NETWORK', cause: error });
  }
  if (!response.ok) {
    let message = `GET ${path} answered ${response.status}`;
    let code: string | undefined;
    try {
      const body = (await response.json()) as { message?: unknown; code?: unknown };
      if (typeof body.message === 'string' && body.message) message = body.message;
      if (typeof body.code === 'string') code = body.code;
    } catch {
      // A proxy's error page: the status says enough.
    }
    throw new ApiError(message, { status: response.status, code });
  }
  return response.blob();
}
