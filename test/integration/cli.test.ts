/** `callboard users …`, `callboard tokens kiosk` and `callboard keys` against a data folder, then the app on the same folder. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../support/app.js';
import { Client, kioskSignIn, login } from '../support/auth.js';

const BIN = fileURLToPath(new URL('../../api/bin/callboard.js', import.meta.url));
let dataDir: string;

function cli(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, CALLBOARD_DATA_DIR: dataDir, CALLBOARD_LOG_LEVEL: 'warn', PORT: '3210' }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    if (stdin !== undefined) child.stdin!.end(stdin);
    else child.stdin!.end();
  });
}

beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'callboard-cli-'));
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('callboard users and tokens', () => {
  let app: RunningApp | undefined;
  let kioskUrl = '';
  let generated = '';

  afterAll(async () => {
    await app?.close();
  });

  it('adds users with a password from stdin or a generated one, and lists them', async () => {
    const add = await cli(
      [
        'users',
        'add',
        'lin',
        '--role',
        'supervisor',
        '--queues',
        'general,billing',
        '--teams',
        'team-a',
        '--display-name',
        'Lin Wei',
        '--password-stdin',
      ],
      'lins-password-1\n',
    );
    expect(add.stderr).toBe('');
    expect(add.stdout).toContain('added supervisor lin (queues general, billing; teams team-a)');
    const gen = await cli(['users', 'add', 'zhao', '--role', 'qa_reviewer']);
    generated = /password: (\S+)/.exec(gen.stdout)?.[1] ?? '';
    expect(generated.length).toBeGreaterThanOrEqual(12);
    const dup = await cli(['users', 'add', 'LIN', '--role', 'agent']);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('username "LIN" is taken');
    const bad = await cli(['users', 'add', 'x', '--role', 'wizard']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/wizard.*invalid|Allowed choices/i);
    const list = await cli(['users', 'list']);
    const lines = list.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^lin\s+supervisor\s+active\s+queues general, billing; teams team-a$/);
    expect(lines[1]).toMatch(/^zhao\s+qa_reviewer\s+active\s+all queues; all teams$/);
  }, 120_000);

  it('creates a kiosk link for a scope', async () => {
    const r = await cli(['tokens', 'kiosk', '--name', '2F east TV', '--queues', 'general', '--url', 'https://board.example.com/']);
    expect(r.code).toBe(0);
    kioskUrl = /(https:\/\/board\.example\.com\/kiosk#cbt_\S+)/.exec(r.stdout)?.[1] ?? '';
    expect(kioskUrl).not.toBe('');
    expect(r.stdout).toContain('queues general; all teams');
  }, 60_000);

  it('the app on the same data folder signs them in with their scope', async () => {
    app = await startApp({ CALLBOARD_DATA_DIR: dataDir });
    const lin = await login(app.url, 'lin', 'lins-password-1');
    expect(lin.session).toMatchObject({
      role: 'supervisor',
      scope: { queues: ['general', 'billing'], teams: ['team-a'] },
      user: { displayName: 'Lin Wei' },
    });
    expect((await login(app.url, 'zhao', generated)).session!.role).toBe('qa_reviewer');
    const tv = await kioskSignIn(app.url, kioskUrl.split('#')[1]!);
    expect(tv.session!.scope).toEqual({ queues: ['general'], teams: null });
    const audit = (await (await login(app.url, 'admin', 'admin-password-for-tests')).get('/api/v1/audit?action=user.created')).body
      .entries as { target: string; actorName: string }[];
    expect(audit.map((e) => e.target).sort()).toEqual(['lin', 'zhao']);
    expect(audit[0]!.actorName).toMatch(/^cli:/);
    await app.close();
    app = undefined;
  }, 60_000);

  it('disables a user: their login is refused afterwards', async () => {
    const r = await cli(['users', 'disable', 'lin']);
    expect(r.stdout).toContain('disabled lin');
    expect((await cli(['users', 'disable', 'nobody'])).code).toBe(1);
    app = await startApp({ CALLBOARD_DATA_DIR: dataDir });
    const refused = await Client.anonymous(app.url).request('POST', '/api/v1/auth/login', { username: 'lin', password: 'lins-password-1' });
    expect(refused.status).toBe(401);
    const list = await login(app.url, 'admin', 'admin-password-for-tests');
    const users = (await list.get('/api/v1/users')).body.users as { username: string; disabledAt: string | null }[];
    expect(users.find((u) => u.username === 'lin')!.disabledAt).not.toBeNull();
  }, 120_000);

  it('checks a user as the API does: a bad username is refused naming the field; a supervisor given only queues sees no teams', async () => {
    // The embedded database of this folder is open in one process at a time.
    await app?.close();
    app = undefined;
    const bad = await cli(['users', 'add', 'lin wei', '--role', 'agent', '--password-stdin'], 'a-good-password-1\n');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('callboard: username: must be 1–64 letters, digits or . _ @ -, starting with a letter or digit\n');
    const queuesOnly = await cli(
      ['users', 'add', 'wu', '--role', 'supervisor', '--queues', 'general', '--password-stdin'],
      'wus-password-1\n',
    );
    expect(queuesOnly.stdout).toContain('added supervisor wu (queues general; no teams)');
    const allTeams = await cli(
      ['users', 'add', 'qian', '--role', 'supervisor', '--queues', 'billing', '--teams', '*', '--password-stdin'],
      'qians-password-1\n',
    );
    expect(allTeams.stdout).toContain('added supervisor qian (queues billing; all teams)');
  }, 120_000);
});

describe('callboard keys', () => {
  it('creates an ingest key with the back-fill permission, lists it as such, and refuses the permission for a metrics key', async () => {
    const created = await cli(['keys', 'create', '--name', 'queue-log-import', '--backfill']);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toMatch(
      /^created ingest back-fill key [0-9a-f]{12} \(queue-log-import\)\n\n {2}cbk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}\n/,
    );
    const refused = await cli(['keys', 'create', '--name', 'scraper', '--role', 'metrics', '--backfill']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('backfill: only an ingest key may post back-fills');
    const list = await cli(['keys', 'list']);
    expect(list.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^[0-9a-f]{12} {2}ingest\+backfill {2}queue-log-import /)]);
  }, 180_000);
});
