import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type AppConfig, DB, type RegisteredRoute, createApp, loadConfig, registeredRoutes } from '@callboard/api';
import type { Db } from '@callboard/db';
import { dropRedisKeys } from './redis.js';

export interface RunningApp {
  url: string;
  config: AppConfig;
  /** The app's own database handle, for assertions. */
  db: Db;
  /** Every route the HTTP server registered. */
  routes: RegisteredRoute[];
  /** A provider of the running app (e.g. LiveService, to inject the live clock). */
  get: <T>(token: abstract new (...args: never[]) => T) => T;
  close: () => Promise<void>;
}

export const INGEST_KEY = 'test-ingest-key-0123456789abcdef';
/** The first admin's password in every test app. */
export const ADMIN_PASSWORD = 'admin-password-for-tests';

/** Starts the real app on a free port with its own data folder (and Redis key prefix). */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'callboard-test-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    CALLBOARD_DATA_DIR: dataDir,
    CALLBOARD_DEMO: '0',
    CALLBOARD_INGEST_KEY: INGEST_KEY,
    CALLBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD,
    CALLBOARD_LOG_LEVEL: 'warn',
    CALLBOARD_REDIS_PREFIX: `test-${process.pid}-${Math.random().toString(36).slice(2)}`,
    ...env,
  });
  const app = await createApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    config,
    db: app.get<Db>(DB),
    routes: registeredRoutes(app),
    get: (token) => app.get(token),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (config.REDIS_URL) await dropRedisKeys(config.CALLBOARD_REDIS_PREFIX, config.REDIS_URL);
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies are JSON of many shapes; each test reads the fields it asserts
export async function postEvents(url: string, body: unknown, key = INGEST_KEY): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export async function until<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
