/**
 * `npx callboard …`: operations from the shell. Settings come from the same
 * environment variables as the server (CALLBOARD_DATA_DIR, DATABASE_URL, CALLBOARD_TZ).
 */
import { Command, InvalidArgumentError } from 'commander';
import { type Db, migrate, openDatabase } from '@callboard/db';
import { ConfigError, loadConfig } from '../config/config.js';
import { createIngestKey, listIngestKeys, revokeIngestKey } from '../ingest/ingest-keys.js';
import { simulateCommand } from './simulate.js';

const num = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new InvalidArgumentError(`${name} must be a number`);
  return n;
};

async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.CALLBOARD_DATA_DIR, poolSize: 1 });
  try {
    await migrate(db, config.CALLBOARD_TZ);
    return await fn(db);
  } finally {
    await db.close();
  }
}

const program = new Command('callboard').description('Callboard: real-time call-center wallboard and QA').showHelpAfterError();

program
  .command('serve')
  .description('start the API and wallboard (same settings as npm start)')
  .action(async () => {
    const { main } = await import('../main.js');
    await main();
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(() =>
    withDb(async (db) => {
      const version = (await db.query<{ v: number }>(`SELECT max(version)::int AS v FROM schema_migrations`)).rows[0]?.v;
      console.log(`database schema at version ${version} (${db.kind})`);
    }),
  );

const keys = program.command('keys').description('ingest API keys');
keys
  .command('create')
  .description('create an ingest key; it is shown once, only its hash is stored')
  .requiredOption('-n, --name <name>', 'what the key is for, e.g. "asterisk-1"')
  .action((opts: { name: string }) =>
    withDb(async (db) => {
      const { id, key } = await createIngestKey(db, opts.name);
      console.log(`created ingest key ${id} (${opts.name})\n\n  ${key}\n\nStore it now: it cannot be shown again. Use it as "Authorization: Bearer <key>".`);
    }),
  );
keys
  .command('list')
  .description('list ingest keys (without the keys themselves)')
  .action(() =>
    withDb(async (db) => {
      const rows = await listIngestKeys(db);
      if (rows.length === 0) console.log('no ingest keys');
      for (const k of rows) {
        const state = k.revoked_at ? `revoked ${k.revoked_at.toISOString()}` : 'active';
        console.log(`${k.id}  ${k.name.padEnd(24)}  ${state.padEnd(34)}  last used ${k.last_used_at?.toISOString() ?? 'never'}`);
      }
    }),
  );
keys
  .command('revoke <id>')
  .description('revoke an ingest key')
  .action((id: string) =>
    withDb(async (db) => {
      const done = await revokeIngestKey(db, id);
      if (!done) {
        console.error(`no active ingest key ${id}`);
        process.exitCode = 1;
      } else console.log(`revoked ingest key ${id}`);
    }),
  );

program
  .command('simulate')
  .description('generate realistic call-center traffic and post it to a running Callboard')
  .option('--url <url>', 'Callboard base URL', 'http://localhost:3000')
  .option('--key <key>', 'ingest key (default: CALLBOARD_INGEST_KEY)')
  .option('--seed <n>', 'random seed: the same seed and window give the same events', num('--seed'), 1)
  .option('--rate <x>', 'arrival-rate multiplier (1 = a mid-size center)', num('--rate'), 1)
  .option('--speed <x>', 'replay speed against the clock (1 = real time)', num('--speed'), 1)
  .option('--from <iso>', 'start of the simulated window (default: now)')
  .option('--to <iso>', 'end of the simulated window (default: unbounded in real time)')
  .option('--batch <n>', 'events per request', num('--batch'), 1000)
  .option('--fast', 'post the whole window as fast as possible instead of pacing it')
  .option('--stdout', 'print the events as NDJSON instead of posting them')
  .action((opts) => simulateCommand(opts));

program.parseAsync().catch((err: unknown) => {
  if (err instanceof ConfigError || (err as Error).name === 'DatabaseUnusableError') {
    console.error(`callboard: ${(err as Error).message}`);
  } else console.error(`callboard: ${(err as Error).message ?? err}`);
  process.exit(1);
});
