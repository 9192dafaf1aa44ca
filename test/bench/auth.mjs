// Access-control benchmark: what signing in costs (argon2id + a session row),
// and what the gate adds to every request (signed token check + cached
// session), against a public route measured in the same run. Its own
// targets (SPEC §7 sets none): a sign-in, one at a time, answers within 1 s at
// p99 (argon2id is meant to be slow, not that slow), and the gate leaves a route
// at least half the public route's rate.
import { DB, createApp, createUser, loadConfig } from '@callboard/api';
import { fmt, headlines, pctOf, removeTempDir, tempDir } from './common.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const TARGET_SIGN_IN_P99_MS = 1000;
const TARGET_GATED_SHARE = 0.5;

async function timed(fn) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Requests per second and latency with `concurrency` clients in a loop for SECONDS. */
async function load(request, concurrency) {
  const latencies = [];
  const until = performance.now() + SECONDS * 1000;
  let failures = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        const res = await request();
        if (!res.ok) failures++;
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { rps: latencies.length / SECONDS, p50: pctOf(latencies, 50), p99: pctOf(latencies, 99), failures };
}

export async function auth() {
  // Removed on exit at the latest, should the run fail.
  const dataDir = tempDir('callboard-bench-auth-');
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    CALLBOARD_DATA_DIR: dataDir,
    CALLBOARD_DEMO: '0',
    CALLBOARD_LOG_LEVEL: 'error',
    CALLBOARD_ADMIN_PASSWORD: 'bench-admin-password',
    CALLBOARD_LOGIN_MAX_FAILURES: '1000',
  });
  const app = await createApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  const db = app.get(DB);
  await createUser(db, {
    username: 'bench',
    password: 'bench-password-1',
    role: 'supervisor',
    scope: { queues: ['general'], teams: null },
  });

  const login = () =>
    fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench', password: 'bench-password-1' }),
    });
  const sequential = [];
  for (let i = 0; i < 40; i++) sequential.push(await timed(async () => (await login()).arrayBuffer()));
  const concurrent = await load(login, 8);

  const res = await login();
  const cookie = /cb_session=[^;]+/.exec(res.headers.get('set-cookie'))[0];
  const publicRoute = await load(() => fetch(`${url}/api/docs`), 16);
  const gated = await load(() => fetch(`${url}/api/v1/auth/session`, { headers: { cookie } }), 16);

  console.log(`\nauth (2 cores, ${SECONDS} s per load, embedded database)`);
  console.log(
    `  sign-in (argon2id m=19 MiB t=2 p=1 + session row): one at a time p50 ${fmt(pctOf(sequential, 50), 1)} ms, p99 ${fmt(pctOf(sequential, 99), 1)} ms;` +
      ` 8 concurrent ${fmt(concurrent.rps, 1)} sign-ins/s, p99 ${fmt(concurrent.p99, 1)} ms`,
  );
  console.log(
    `  public route GET /api/docs (baseline):        ${fmt(publicRoute.rps)} req/s, p50 ${fmt(publicRoute.p50, 2)} ms, p99 ${fmt(publicRoute.p99, 2)} ms`,
  );
  console.log(
    `  gated route GET /api/v1/auth/session:         ${fmt(gated.rps)} req/s, p50 ${fmt(gated.p50, 2)} ms, p99 ${fmt(gated.p99, 2)} ms` +
      ` (${fmt(gated.rps / publicRoute.rps, 2)} × the baseline's rate; ${gated.failures + publicRoute.failures} failures)`,
  );
  const figures = headlines('auth');
  const signInP99 = pctOf(sequential, 99);
  figures.print({
    figure: 'sign-in p99, one at a time',
    value: signInP99,
    unit: 'ms',
    target: `≤ ${fmt(TARGET_SIGN_IN_P99_MS)} ms`,
    pass: signInP99 <= TARGET_SIGN_IN_P99_MS,
  });
  const share = gated.rps / publicRoute.rps;
  figures.print({
    figure: 'gated route rate ÷ public route rate',
    value: share,
    unit: '×',
    target: `≥ ${TARGET_GATED_SHARE}×`,
    pass: share >= TARGET_GATED_SHARE && gated.failures + publicRoute.failures === 0,
    note: gated.failures + publicRoute.failures ? `${gated.failures + publicRoute.failures} failures` : '',
  });
  await app.close();
  removeTempDir(dataDir);
  return figures.rows;
}
