/**
 * Every Redis connection of the process is made here: the sign-in limits, the
 * broadcast channels (ended sessions, changed settings) and the event log.
 * Each client carries a name, so a Redis that does not answer at start stops
 * the start with one line saying which connection waited (password redacted),
 * instead of retrying forever behind a silent port; and every client made here
 * is closed at shutdown, whoever forgot to.
 */
import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { redact } from '@callboard/db';
import { createClient } from 'redis';
import { type AppConfig, CONFIG } from '../config/config.js';

export const REDIS_CONNECT_TIMEOUT_MS = 10_000;

const newClient = (url: string) => createClient({ url });
export type RedisClient = ReturnType<typeof newClient>;

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

/** Quits a connected client; one still trying to connect is stopped instead. */
async function end(client: RedisClient): Promise<void> {
  if (client.isReady) {
    await client.quit().catch(() => undefined);
    return;
  }
  try {
    if (client.isOpen) client.destroy();
  } catch {
    // already closed
  }
}

/** The clients of one Redis (REDIS_URL): made, named, connected and closed in one place. */
export class RedisClients {
  private readonly clients = new Set<RedisClient>();

  constructor(readonly url: string) {}

  /** A client that connects later by itself (a tail that reconnects in its own loop); `onError` hears its errors. */
  create(onError: (err: unknown) => void): RedisClient {
    const client = newClient(this.url);
    client.on('error', onError);
    this.clients.add(client);
    return client;
  }

  /** A connected client; a Redis that does not answer within 10 s rejects with a RedisUnavailableError naming `name`. */
  async connect(name: string, onError: (err: unknown) => void, timeoutMs = REDIS_CONNECT_TIMEOUT_MS): Promise<RedisClient> {
    const client = this.create(onError);
    await connectRedis(client, this.url, name, timeoutMs);
    return client;
  }

  /** Closes one client (its owner is done with it). */
  async quit(client: RedisClient): Promise<void> {
    this.clients.delete(client);
    await end(client);
  }

  /** Closes every client still open. */
  async close(): Promise<void> {
    await Promise.all([...this.clients].map((c) => this.quit(c)));
  }
}

/** The process's Redis, or null without REDIS_URL (one process: everything in memory). */
export const REDIS = Symbol('REDIS');

@Injectable()
class RedisLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: RedisClients | null) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis?.close();
  }
}

/**
 * The app module lists this module before the modules that use Redis, and Nest
 * shuts modules down in the reverse order: each closes its own clients first,
 * then whatever is left is closed here.
 */
@Global()
@Module({
  providers: [
    { provide: REDIS, inject: [CONFIG], useFactory: (config: AppConfig) => (config.REDIS_URL ? new RedisClients(config.REDIS_URL) : null) },
    RedisLifecycle,
  ],
  exports: [REDIS],
})
export class RedisModule {}
