/**
 * The embedded TimescaleDB as a database server of its own (`database-server.mjs`
 * in a child process), as production runs TimescaleDB apart from the API. It
 * serves one connection at a time, so the suite reads it through the child's
 * IPC channel instead of a connection of its own.
 */
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './process.js';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'database-server.mjs');

export interface DatabaseServer {
  /** postgres://… of the server (connect at most one client at a time). */
  url: string;
  port: number;
  /** Rows of one statement, run in the server's process. */
  query: <T = Record<string, unknown>>(sql: string) => Promise<T[]>;
  stop: () => Promise<void>;
}

type Reply = { url: string } | { id: number; rows?: unknown[]; error?: string };

export async function startDatabaseServer(): Promise<DatabaseServer> {
  const port = await freePort();
  const child: ChildProcess = fork(SCRIPT, [String(port)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + String(d)).slice(-4000)));
  const waiting = new Map<number, { resolve: (rows: unknown[]) => void; reject: (err: Error) => void }>();
  let next = 0;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the database server did not start within 60 s: ${stderr}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`the database server exited with ${code}: ${stderr}`)));
    child.on('message', (m: Reply) => {
      if ('url' in m) {
        clearTimeout(timer);
        resolve(m.url);
        return;
      }
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.error !== undefined) w?.reject(new Error(m.error));
      else w?.resolve(m.rows ?? []);
    });
  }).catch((err: unknown) => {
    child.kill('SIGKILL');
    throw err;
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    url,
    port,
    query: <T>(sql: string) =>
      new Promise<T[]>((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
        child.send({ id, sql });
      }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
