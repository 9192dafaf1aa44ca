/**
 * `npx callboard …`: operations from the shell. Settings come from the same
 * environment variables as the server (CALLBOARD_DATA_DIR, DATABASE_URL, CALLBOARD_TZ).
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { type Db, type MigrateResult, migrate, openDatabase } from '@callboard/db';
import { ConfigError, loadConfig } from '../config/config.js';
import { KEY_ROLES, type KeyRole, type Scope, USER_ROLES, type UserRole } from '../auth/access/roles.js';
import { describeScope } from '../auth/access/scope.js';
import { AuditRepository } from '../auth/audit/audit.repository.js';
import { AuditService, type ChangedBy } from '../auth/audit/audit.service.js';
import { ApiKeyVerifier } from '../auth/credentials/api-key.verifier.js';
import { ApiKeysRepository } from '../auth/credentials/api-keys.repository.js';
import { CredentialsService, kioskUrl } from '../auth/credentials/credentials.service.js';
import { KioskTokensRepository } from '../auth/credentials/kiosk-tokens.repository.js';
import { generatePassword } from '../auth/credentials/passwords.js';
import { LocalRevocationBus } from '../auth/sessions/revocations.js';
import { SessionsRepository } from '../auth/sessions/sessions.repository.js';
import { SessionsService } from '../auth/sessions/sessions.service.js';
import { UsersRepository } from '../auth/users/users.repository.js';
import { UsersService, defaultScope } from '../auth/users/users.service.js';
import { createUserSchema } from '../auth/users/users.schemas.js';
import { ApiError } from '../common/errors.js';
import { parseInput } from '../common/validation.js';
import { simulateCommand } from './simulate.js';

const num = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new InvalidArgumentError(`${name} must be a number`);
  return n;
};

async function withDb<T>(fn: (db: Db, schema: MigrateResult) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.CALLBOARD_DATA_DIR, poolSize: 1 });
  try {
    return await fn(db, await migrate(db, config.CALLBOARD_TZ));
  } finally {
    await db.close();
  }
}

function fail(message: string): void {
  console.error(`callboard: ${message}`);
  process.exitCode = 1;
}

/** A refusal of the services (a taken username, an unknown id) is one line and exit code 1. */
const refused = (err: unknown): Promise<void> => (err instanceof ApiError ? Promise.resolve(fail(err.message)) : Promise.reject(err));

interface Services {
  users: UsersService;
  credentials: CredentialsService;
}

/** Changes made from the shell are audited like those made in the app. */
const BY_SHELL: ChangedBy = { actor: { kind: 'system', name: `cli:${process.env.USER ?? 'unknown'}` }, ip: null };

/**
 * The services the API's routes call, on this command's database. Ended
 * sessions are not announced: a running server notices within seconds when
 * its cached sessions expire.
 */
function withServices<T>(fn: (s: Services) => Promise<T>): Promise<T> {
  return withDb(async (db) => {
    const audit = new AuditService(new AuditRepository(db), {
      error: (entry: unknown, message: string) => console.error(`callboard: ${message}`, entry),
    });
    const sessions = new SessionsService(new SessionsRepository(db), loadConfig(), new LocalRevocationBus());
    const keys = new ApiKeysRepository(db);
    try {
      return await fn({
        users: new UsersService(new UsersRepository(db), sessions, audit),
        credentials: new CredentialsService(keys, new KioskTokensRepository(db), new ApiKeyVerifier(keys, undefined), sessions, audit),
      });
    } finally {
      await audit.flush();
      await sessions.onApplicationShutdown();
    }
  });
}

const program = new Command('callboard').description('Callboard: real-time call-center wallboard and QA').showHelpAfterError();

program
  .command('serve')
  .description('start the API and wallboard from the environment (npm start adds the demo)')
  .action(async () => {
    const { main } = await import('../main.js');
    await main();
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(() =>
    withDb(async (db, schema) => {
      console.log(`database schema at version ${schema.version} (${db.kind})`);
    }),
  );

const keys = program.command('keys').description('API keys for machines (role ingest: post events; role metrics: read /metrics)');
keys
  .command('create')
  .description('create an API key; it is shown once, only its hash is stored')
  .requiredOption('-n, --name <name>', 'what the key is for, e.g. "asterisk-1"')
  .addOption(new Option('-r, --role <role>', 'what the key may do').choices([...KEY_ROLES]).default('ingest'))
  .option('--backfill', 'an ingest key that may also post events older than the ingest window (?backfill=true), e.g. a queue_log import')
  .action((opts: { name: string; role: KeyRole; backfill?: boolean }) =>
    withServices(async ({ credentials }) => {
      const { key, secret } = await credentials.createKey(opts.name, opts.role, BY_SHELL, opts.backfill === true);
      console.log(
        `created ${opts.role}${opts.backfill ? ' back-fill' : ''} key ${key.id} (${opts.name})\n\n  ${secret}\n\nStore it now: it cannot be shown again. Use it as "Authorization: Bearer <key>".`,
      );
    }).catch(refused),
  );
keys
  .command('list')
  .description('list API keys (without the keys themselves)')
  .action(() =>
    withServices(async ({ credentials }) => {
      const rows = await credentials.listKeys();
      if (rows.length === 0) console.log('no API keys');
      for (const k of rows) {
        const state = k.revokedAt ? `revoked ${k.revokedAt}` : 'active';
        const role = `${k.role}${k.backfill ? '+backfill' : ''}`;
        console.log(`${k.id}  ${role.padEnd(7)}  ${k.name.padEnd(24)}  ${state.padEnd(32)}  last used ${k.lastUsedAt ?? 'never'}`);
      }
    }),
  );
keys
  .command('revoke <id>')
  .description('revoke an API key')
  .action((id: string) =>
    withServices(async ({ credentials }) => {
      await credentials.revokeKey(id, BY_SHELL);
      console.log(`revoked API key ${id}`);
    }).catch(refused),
  );

const list = (v: string): string[] =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
/** `--queues '*'`: every queue (null in a scope); otherwise the list given (empty: none). */
const scopeSide = (v: string[] | undefined): string[] | null | undefined => (v?.length === 1 && v[0] === '*' ? null : v);

/**
 * The scope `POST /api/v1/users` is sent for these options: none given, none
 * sent (the role's default applies); a side not given takes the role's default
 * too, so a supervisor given only queues sees no teams, as one given no scope.
 */
function userScopeFrom(role: UserRole, opts: { queues?: string[]; teams?: string[] }): Scope | undefined {
  const [queues, teams] = [scopeSide(opts.queues), scopeSide(opts.teams)];
  if (queues === undefined && teams === undefined) return undefined;
  const fallback = defaultScope(role);
  return { queues: queues === undefined ? fallback.queues : queues, teams: teams === undefined ? fallback.teams : teams };
}

/** A password from stdin (piped) or, on a terminal, generated and shown once. */
async function passwordInput(fromStdin: boolean): Promise<{ password: string; generated: boolean }> {
  if (!fromStdin) return { password: generatePassword(), generated: true };
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return { password: text.replace(/\r?\n$/, ''), generated: false };
}

const users = program.command('users').description('people who sign in');
users
  .command('add <username>')
  .description(
    'add a user, checked as POST /api/v1/users checks it; the password is read from stdin with --password-stdin, otherwise generated and shown once',
  )
  .addOption(new Option('-r, --role <role>', 'role (SPEC §1)').choices([...USER_ROLES]).makeOptionMandatory())
  .option('-d, --display-name <name>', 'name shown in the app')
  .option(
    '-q, --queues <list>',
    "queues the user sees, comma-separated, or '*' for all (default: none for a supervisor, all otherwise)",
    list,
  )
  .option('-t, --teams <list>', "teams the user sees, comma-separated, or '*' for all (same default)", list)
  .option('-a, --agent-id <id>', 'for role agent: which agent this user is')
  .option('--password-stdin', 'read the password from standard input')
  .action(
    (
      username: string,
      opts: {
        role: UserRole;
        displayName?: string;
        queues?: string[];
        teams?: string[];
        agentId?: string;
        passwordStdin?: boolean;
      },
    ) =>
      withServices(async ({ users }) => {
        const { password, generated } = await passwordInput(Boolean(opts.passwordStdin));
        const input = parseInput(createUserSchema, {
          username,
          password,
          role: opts.role,
          displayName: opts.displayName,
          scope: userScopeFrom(opts.role, opts),
          agentId: opts.agentId,
        });
        const user = await users.create(input, BY_SHELL);
        console.log(`added ${user.role} ${user.username} (${describeScope(user.scope)})`);
        if (generated) console.log(`password: ${password}\nIt is shown once; the user can change it under "Change password".`);
      }).catch(refused),
  );
users
  .command('list')
  .description('list users')
  .action(() =>
    withServices(async ({ users }) => {
      const rows = await users.list();
      if (rows.length === 0) console.log('no users');
      for (const u of rows) {
        const state = u.disabledAt ? `disabled ${u.disabledAt}` : 'active';
        console.log(`${u.username.padEnd(20)}  ${u.role.padEnd(11)}  ${state.padEnd(33)}  ${describeScope(u.scope)}`);
      }
    }),
  );
users
  .command('disable <username>')
  .description('disable a user and end their sessions (a running server notices within seconds)')
  .action((username: string) =>
    withServices(async ({ users }) => {
      const user = await users.byName(username);
      if (!user) return fail(`no user ${username}`);
      await users.update(user.id, { disabled: true }, BY_SHELL);
      console.log(`disabled ${username}; their sessions are ended`);
    }).catch(refused),
  );

const tokens = program.command('tokens').description('kiosk display tokens for TVs');
tokens
  .command('kiosk')
  .description('create a read-only wallboard link for a TV, fixed to a scope')
  .requiredOption('-n, --name <name>', 'which display, e.g. "2F east TV"')
  .option('-q, --queues <list>', 'queues shown, comma-separated (default: all)', list)
  .option('-t, --teams <list>', 'teams shown, comma-separated (default: all)', list)
  .option('--url <base>', 'the address users reach Callboard at (default: CALLBOARD_PUBLIC_URL or http://localhost:PORT)')
  .action((opts: { name: string; queues?: string[]; teams?: string[]; url?: string }) =>
    withServices(async ({ credentials }) => {
      const config = loadConfig();
      const scope: Scope = { queues: opts.queues ?? null, teams: opts.teams ?? null };
      const { token, secret } = await credentials.createKioskToken(opts.name, scope, BY_SHELL);
      const base = opts.url ?? config.CALLBOARD_PUBLIC_URL ?? `http://localhost:${config.PORT}`;
      console.log(
        `created kiosk token ${token.id} (${opts.name}: ${describeScope(scope)})\n\n  ${kioskUrl(base, secret)}\n\nOpen this link on the TV. It is shown once; revoke it with \`callboard tokens revoke ${token.id}\`.`,
      );
    }),
  );
tokens
  .command('list')
  .description('list kiosk tokens')
  .action(() =>
    withServices(async ({ credentials }) => {
      const rows = await credentials.listKioskTokens();
      if (rows.length === 0) console.log('no kiosk tokens');
      for (const t of rows) {
        const state = t.revokedAt ? `revoked ${t.revokedAt}` : 'active';
        console.log(`${t.id}  ${t.name.padEnd(24)}  ${state.padEnd(32)}  ${describeScope(t.scope)}`);
      }
    }),
  );
tokens
  .command('revoke <id>')
  .description('revoke a kiosk token; its displays are signed out')
  .action((id: string) =>
    withServices(async ({ credentials }) => {
      await credentials.revokeKioskToken(id, BY_SHELL);
      console.log(`revoked kiosk token ${id}`);
    }).catch(refused),
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
  .option('--backfill', 'post as a back-fill (?backfill=true; a key created with keys create --backfill): windows older than 35 days')
  .action((opts) => simulateCommand(opts));

program.parseAsync().catch((err: unknown) => {
  if (err instanceof ConfigError || (err as Error).name === 'DatabaseUnusableError') {
    console.error(`callboard: ${(err as Error).message}`);
  } else console.error(`callboard: ${(err as Error).message ?? err}`);
  process.exit(1);
});
