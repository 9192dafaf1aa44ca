/**
 * The demo on a real start: refused where it would reach a real database or
 * other machines, and never taking over an account it did not create.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createUser } from '@callboard/api';
import { startApp } from '../support/app.js';
import { Client, login } from '../support/auth.js';

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../api/dist/main.js');

/** `node api/dist/main.js` with only `env` set, as an operator would start it. */
function start(env: Record<string, string>) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'callboard-demo-refused-'));
  try {
    const r = spawnSync(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH, PORT: '0', CALLBOARD_DATA_DIR: dir, CALLBOARD_LOG_LEVEL: 'warn', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { status: r.status, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a demo start where it does not belong', () => {
  it.each([
    [{ CALLBOARD_DEMO: '1', HOST: '0.0.0.0' }, 'on HOST 0.0.0.0, which other machines can reach'],
    [{ CALLBOARD_DEMO: '1', DATABASE_URL: 'postgres://callboard:secret-pw@127.0.0.1:1/callboard' }, 'into the database at DATABASE_URL'],
  ])(
    'stops %o with one line naming CALLBOARD_DEMO, before touching anything',
    (env, where) => {
      const r = start(env);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(
        `callboard: CALLBOARD_DEMO would put demo accounts, a kiosk token and simulated calls ${where}; set CALLBOARD_DEMO=force to run the demo there anyway\n`,
      );
      expect(r.stderr).not.toContain('secret-pw');
    },
    40_000,
  );
});

describe('a demo start on a database that already has users', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'callboard-demo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps an existing manager's password and still creates the demo accounts that are missing", async () => {
    const before = await startApp({ CALLBOARD_DATA_DIR: dir });
    await createUser(before.db, { username: 'manager', password: 'the-real-managers-password', role: 'manager', displayName: 'Mei Lin' });
    const hash = (await before.db.query<{ password_hash: string }>(`SELECT password_hash FROM users WHERE username = 'manager'`)).rows[0]!
      .password_hash;
    await before.close();

    const demo = await startApp({ CALLBOARD_DATA_DIR: dir, CALLBOARD_DEMO: '1' });
    try {
      const users = await demo.db.query<{ username: string; display_name: string; password_hash: string }>(
        `SELECT username, display_name, password_hash FROM users ORDER BY username`,
      );
      expect(users.rows.map((u) => u.username)).toEqual(['admin', 'agent', 'manager', 'qalead', 'reviewer', 'supervisor']);
      expect(users.rows.find((u) => u.username === 'manager')).toEqual({
        username: 'manager',
        display_name: 'Mei Lin',
        password_hash: hash,
      });
      const manager = await login(demo.url, 'manager', 'the-real-managers-password');
      expect((await manager.get('/api/v1/auth/session')).status).toBe(200);
      const guess = await Client.anonymous(demo.url).request('POST', '/api/v1/auth/login', {
        username: 'manager',
        password: 'wrong-password',
      });
      expect(guess.status).toBe(401);
    } finally {
      await demo.close();
    }
  }, 120_000);
});
