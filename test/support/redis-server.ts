/**
 * A Redis of the suite's own (`redis-server` on a free port, AOF in a temporary
 * folder), so it can be stopped and started again without touching the shared
 * one: with `appendonly yes` a restart keeps the stream and the ids it
 * remembers, as a production Redis with AOF does.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'redis';
import { freePort } from './process.js';

export interface OwnRedis {
  url: string;
  /** Graceful stop (SHUTDOWN: the AOF is flushed), leaving the data folder. */
  stop: () => Promise<void>;
  /** A fresh server on the same port and folder. */
  start: () => Promise<void>;
  /** Stops the server and deletes its folder. */
  remove: () => Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'callboard-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const start = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always'];
    const proc = spawn('redis-server', [...args, '--dir', dir], { stdio: 'ignore' });
    child = proc;
    let failed: Error | undefined;
    proc.once('error', (err) => (failed = err));
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (failed) throw new Error(`redis-server could not be started (apt-get install -y redis-server): ${failed.message}`);
      if (proc.exitCode !== null) throw new Error(`redis-server exited with ${proc.exitCode}`);
      const probe = createClient({ url, socket: { reconnectStrategy: false } });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        await probe.ping();
        await probe.quit();
        return;
      } catch {
        await probe.disconnect().catch(() => undefined);
      }
      if (Date.now() > deadline) throw new Error('redis-server did not answer within 10 s');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const stop = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.kill('SIGTERM');
    await exited;
  };

  await start();
  return {
    url,
    start,
    stop,
    remove: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
