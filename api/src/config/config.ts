/**
 * The one place that reads the environment. Every setting is validated at
 * start; a wrong value stops the process with one line naming the variable.
 */
import { isIP } from 'node:net';
import { z } from 'zod';

/** `force` runs the demo where it is refused by default (see demoRefusal). */
const demo = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', 'force'], { message: 'must be 0, 1 or force' })
  .transform((v) => v === '1' || v === 'true' || v === 'yes' || v === 'force');

const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz.includes('/') || tz === 'UTC';
  } catch {
    return false;
  }
};

const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => p + '//').join(' or ')}` },
  );

/** An origin and nothing more: http(s), no user or password, no path, query or fragment; kept as the URL parser writes it. */
const originOnly = z.string().transform((v, ctx) => {
  let u: URL | undefined;
  try {
    u = new URL(v);
  } catch {
    u = undefined;
  }
  if (!u || !['http:', 'https:'].includes(u.protocol) || u.username || u.password || u.pathname !== '/' || u.search || u.hash) {
    ctx.addIssue({
      code: 'custom',
      message: `must list origins such as https://rec.example.com:8443, without a path or user (got "${v}")`,
    });
    return z.NEVER;
  }
  return u.origin;
});

/** An IPv4 or IPv6 address, optionally with a CIDR prefix length in its family's range. */
const isAddressOrCidr = (v: string): boolean => {
  const [address = '', prefix, ...rest] = v.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
};

/**
 * Which peers may set the client address with X-Forwarded-For (Fastify's
 * `trustProxy`): none (`0`/`off`), the nearest N hops, or a list of proxy
 * addresses. Never "everyone": a client could then pick its own address and
 * step around the per-address sign-in limits.
 */
const trustProxy = z.string().transform((v, ctx): false | number | string[] => {
  const s = v.trim().toLowerCase();
  if (s === '0' || s === 'off' || s === 'false' || s === 'no') return false;
  if (/^\d+$/.test(s)) {
    const hops = Number(s);
    if (hops <= 10) return hops;
  }
  const list = s
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (list.length > 0 && list.every(isAddressOrCidr)) return list;
  ctx.addIssue({ code: 'custom', message: 'must be off, a hop count (1–10) or a comma-separated list of proxy addresses or CIDRs' });
  return z.NEVER;
});

/**
 * CALLBOARD_TRUST_PROXY in the form Fastify's adapter takes: a hop count is
 * "the nearest N addresses of the forwarded chain", as Fastify reads a number.
 */
export const trustProxyOption = (v: AppConfig['CALLBOARD_TRUST_PROXY']): false | string[] | ((address: string, hop: number) => boolean) =>
  typeof v === 'number' ? (_address, hop) => hop < v : v;

export const configSchema = z.object({
  PORT: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0)
    .max(65535, 'must be a port number (0–65535)')
    .default(3000),
  /** Loopback by default: serving other machines is a decision, made by setting HOST (e.g. 0.0.0.0). */
  HOST: z.string().min(1).default('127.0.0.1'),
  CALLBOARD_TZ: z.string().refine(isTimeZone, { message: 'must be an IANA time zone such as Asia/Shanghai' }).default('Asia/Shanghai'),
  CALLBOARD_DATA_DIR: z.string().min(1, 'must not be empty').default('./.callboard'),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(8),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  /** Demo accounts, an all-queues kiosk token and simulated calls; `npm start` turns it on. */
  CALLBOARD_DEMO: demo.default(false),
  /** The center's name as agents say it in the greeting, for the QA transcript checks. */
  CALLBOARD_COMPANY_NAME: z.string().trim().min(1).max(100).optional(),
  /** Days a reviewer has to score a sampled call, from the sampling run that assigned it. */
  CALLBOARD_QA_DUE_DAYS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1')
    .max(365, 'must be at most 365')
    .default(7),
  CALLBOARD_INGEST_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  CALLBOARD_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  /** Prefix of every Redis key, so several Callboard instances can share one Redis. */
  CALLBOARD_REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]+$/, 'may hold only letters, digits and _ . : -')
    .default('callboard'),
  CALLBOARD_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** How long the Redis log keeps entries. */
  CALLBOARD_LOG_RETENTION_H: z.coerce.number().positive().default(48),
  /** How long the Redis log remembers an event id: a resend within this many hours counts as a duplicate. */
  CALLBOARD_DEDUPE_WINDOW_H: z.coerce
    .number({ message: 'must be a number of hours' })
    .int('must be a whole number of hours')
    .min(1, 'must be at least 1 hour')
    .max(24 * 30, 'must be at most 720 hours (30 days)')
    .default(48),
  CALLBOARD_WRITER_BATCH: z.coerce.number().int().min(1).max(50_000).default(5000),
  CALLBOARD_WRITER_WAIT_MS: z.coerce.number().int().min(0).max(10_000).default(50),
  /** Whether this process runs the writer; off: it appends to the Redis log and follows it, and another process writes. */
  CALLBOARD_WRITER: z
    .enum(['on', 'off', '1', '0', 'true', 'false', 'yes', 'no'], { message: 'must be on or off' })
    .transform((v) => v === 'on' || v === '1' || v === 'true' || v === 'yes')
    .default(true),
  /** Log entries another writer left unacknowledged this long are taken over (that writer is presumed dead). */
  CALLBOARD_WRITER_CLAIM_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** Signs session tokens; without it a random secret is kept in the database (shared by every API process). */
  CALLBOARD_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** A session ends after this many idle minutes (each request extends it) … */
  CALLBOARD_SESSION_IDLE_MIN: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(15),
  /** … and after this many hours in any case (kiosk displays excepted: they last until their token is revoked). */
  CALLBOARD_SESSION_MAX_H: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  /** Failed logins per username and address before a pause of CALLBOARD_LOGIN_BLOCK_MIN. */
  CALLBOARD_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  CALLBOARD_LOGIN_BLOCK_MIN: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(15),
  /**
   * Origins allowed to open a wallboard socket, comma-separated (e.g. https://board.example.com).
   * Default: the origin the request was made to.
   */
  CALLBOARD_ALLOWED_ORIGINS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(url(['http:', 'https:']).transform((o) => new URL(o).origin)))
    .optional(),
  /**
   * Origins call recordings may be fetched from, comma-separated (e.g. https://rec.example.com:8443).
   * Each is a scheme, host and port only; the simulator's own recordings are always played.
   */
  CALLBOARD_RECORDING_ORIGINS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(originOnly))
    .optional(),
  /** Whose X-Forwarded-For is believed; unset: nobody's, the client address is the socket's. */
  CALLBOARD_TRUST_PROXY: trustProxy.default(false),
  /** The address users reach Callboard at, for kiosk links (default: from the admin's request). */
  CALLBOARD_PUBLIC_URL: url(['http:', 'https:']).optional(),
  /** Live changes are gathered this long into one patch per wallboard (SPEC §6: a few tens of ms). */
  CALLBOARD_LIVE_COALESCE_MS: z.coerce.number().int().min(0).max(1000).default(40),
  /** Live sockets one session (a user's sign-in or one kiosk screen) may hold open at once; the next is refused. */
  CALLBOARD_LIVE_SOCKETS: z.coerce.number().int().min(1).max(1000).default(8),
  /** `subscribe`s a socket may send at once (each builds a snapshot); then one per second. */
  CALLBOARD_SUBSCRIBE_BURST: z.coerce.number().int().min(1).max(100).default(5),
  /** Distinct queues and agents the live engine holds in a day: events naming a new one beyond these are refused at ingest. */
  CALLBOARD_LIVE_MAX_QUEUES: z.coerce.number().int().min(1).max(100_000).default(500),
  CALLBOARD_LIVE_MAX_AGENTS: z.coerce.number().int().min(1).max(1_000_000).default(5000),
  /** Events older than this many days are refused at ingest unless posted as a back-fill (`?backfill=true`). */
  CALLBOARD_EVENT_MAX_AGE_D: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number of days')
    .min(1)
    .max(3660)
    .default(35),
  /** Events dated more than this many minutes ahead of the server clock are refused, back-fill or not. */
  CALLBOARD_EVENT_MAX_AHEAD_MIN: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number of minutes')
    .min(0)
    .max(1440)
    .default(5),
  /** Simulator speed in demo mode (1 = real time) and arrival-rate multiplier. */
  CALLBOARD_DEMO_RATE: z.coerce.number().positive().default(1),
});

export type AppConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Empty strings count as unset, as in most twelve-factor tools. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const input: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const v = env[key];
    if (v !== undefined && v !== '') input[key] = v;
  }
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const secret = name.includes('PASSWORD') || name.includes('KEY') || name.includes('SECRET') || name.endsWith('_URL');
    const shown = secret ? '' : ` (got "${input[name] ?? ''}")`;
    throw new ConfigError(`${name} ${issue.message}${shown}`);
  }
  if (!parsed.data.CALLBOARD_WRITER && !parsed.data.REDIS_URL) {
    throw new ConfigError('CALLBOARD_WRITER=off needs REDIS_URL: the in-process log is written by its own process');
  }
  const refusal = demoRefusal(parsed.data, input.CALLBOARD_DEMO === 'force');
  if (refusal) throw new ConfigError(refusal);
  return parsed.data;
}

/**
 * The demo writes accounts with printed passwords, a kiosk token for every
 * queue and simulated calls: harmless on a laptop, not in a real database or
 * on an address others reach. There it runs only when asked for by name.
 */
function demoRefusal(config: AppConfig, forced: boolean): string | undefined {
  if (!config.CALLBOARD_DEMO || forced) return undefined;
  const where = config.DATABASE_URL
    ? 'into the database at DATABASE_URL'
    : isLoopback(config.HOST)
      ? undefined
      : `on HOST ${config.HOST}, which other machines can reach`;
  return (
    where &&
    `CALLBOARD_DEMO would put demo accounts, a kiosk token and simulated calls ${where}; set CALLBOARD_DEMO=force to run the demo there anyway`
  );
}

/** Injection token for the validated configuration. */
export const CONFIG = Symbol('CONFIG');
