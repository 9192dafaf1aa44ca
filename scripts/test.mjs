// npm test: provision what the tests need, build, and run every workspace's
// tests in one vitest run (unit, medium against the embedded TimescaleDB and
// the pg driver, integration through Redis, and the browser test).
import { spawnSync } from 'node:child_process';
import { ensureChromium, ensureRedis } from './provision.mjs';

const redisUrl = await ensureRedis();
const chromium = ensureChromium();

const run = (cmd, args, env = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run('npm', ['run', 'build', '--silent']);
run('npx', ['vitest', 'run', ...process.argv.slice(2)], { TEST_REDIS_URL: redisUrl, CHROMIUM_PATH: chromium });
