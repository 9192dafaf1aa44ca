/**
 * Connecting to Redis at start: a Redis that does not answer stops the start
 * with one line naming it, instead of retrying forever behind a silent port.
 */
import { redact } from '@callboard/db';

export const REDIS_CONNECT_TIMEOUT_MS = 10_000;

/** Raised when Redis cannot be reached at start; the message says what to check. */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
}

interface Connectable {
  connect(): Promise<unknown>;
  destroy?(): unknown;
}

/** Connects `client`, or gives up after `timeoutMs` (the client stops retrying) with a RedisUnavailableError. */
export async function connectRedis(client: Connectable, url: string, what: string, timeoutMs = REDIS_CONNECT_TIMEOUT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      try {
        client.destroy?.();
      } catch {
        // already closed
      }
      reject(
        new RedisUnavailableError(
          `Redis at ${redact(url)} did not answer within ${timeoutMs / 1000} s (${what}). Start Redis or correct REDIS_URL; unset it to use the in-process log.`,
        ),
      );
    }, timeoutMs);
  });
  try {
    await Promise.race([client.connect(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
