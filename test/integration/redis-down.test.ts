/** A Redis that does not answer stops the API's start with one line, instead of hanging behind a silent port. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { freePort } from '../support/process.js';

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../api/dist/main.js');

it('stops with exit code 3 and a line naming Redis when REDIS_URL does not answer', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'callboard-noredis-'));
  const closed = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      CALLBOARD_DATA_DIR: dir,
      CALLBOARD_DEMO: '0',
      CALLBOARD_LOG_LEVEL: 'silent',
      REDIS_URL: `redis://:secret-pass@127.0.0.1:${closed}`,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  rmSync(dir, { recursive: true, force: true });
  expect(code).toBe(3);
  const line = stderr.trim().split('\n').at(-1)!;
  expect(line).toMatch(new RegExp(`^callboard: Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${closed} did not answer within 10 s`));
  expect(stderr).not.toContain('secret-pass');
}, 60_000);
