// npm test: check the formatting, provision what the tests need, build, lint,
// and run every workspace's tests in one vitest run (unit, medium against the
// embedded TimescaleDB and the pg driver, integration through Redis, and the
// browser test), then the fault suite.
import { spawnSync } from 'node:child_process';
import { ensureChromium, ensureRedis } from './provision.mjs';

const run = (cmd, args, { env = {}, hint } = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status === 0) return;
  if (hint) process.stderr.write(`\n${hint}\n`);
  process.exit(r.status ?? 1);
};

run('npx', ['prettier', '--check', '--log-level', 'warn', '.'], { hint: 'Formatting differs: `npm run format` rewrites these files.' });

const redisUrl = await ensureRedis();
const chromium = ensureChromium();

run('npm', ['run', 'build', '--silent']);
// Every workspace's types, specs and the suites under test/ included (the build leaves the specs out).
run('npx', ['turbo', 'run', 'typecheck', '--output-logs=errors-only'], { hint: 'Type errors: `npm run typecheck` lists them.' });
// After the build: the type-aware rules read the other workspaces' types from their dist/.
run('npx', ['eslint', '.'], { hint: 'Lint findings: `npm run lint -- --fix` fixes some of them; the rest need a change by hand.' });
run('npx', ['vitest', 'run', ...process.argv.slice(2)], { env: { TEST_REDIS_URL: redisUrl, CHROMIUM_PATH: chromium } });
// The fault suite (`npm run test:faults`) after everything else, alone on the machine: it starts its own
// Redis, database server and API processes. Left out when arguments pick what to run.
if (process.argv.length === 2) run('npx', ['vitest', 'run', '--config', 'test/faults/vitest.config.ts']);
