import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, trustProxyOption } from './config.js';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.CALLBOARD_TZ).toBe('Asia/Shanghai');
    expect(c.CALLBOARD_DATA_DIR).toBe('./.callboard');
    expect(c.CALLBOARD_DEMO).toBe(false);
    expect(c.HOST).toBe('127.0.0.1');
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('reads CALLBOARD_DEMO=0 as no simulator and 1 as the demo on the embedded database and loopback', () => {
    expect(loadConfig({ CALLBOARD_DEMO: '0' }).CALLBOARD_DEMO).toBe(false);
    expect(loadConfig({ CALLBOARD_DEMO: '1' }).CALLBOARD_DEMO).toBe(true);
    expect(loadConfig({ CALLBOARD_DEMO: '1', HOST: 'localhost' }).CALLBOARD_DEMO).toBe(true);
    expect(loadConfig({ CALLBOARD_DEMO: '1', HOST: '::1' }).CALLBOARD_DEMO).toBe(true);
  });

  it.each([
    [{ CALLBOARD_DEMO: '1', DATABASE_URL: 'postgres://callboard:pw@db.internal:5432/callboard' }, /into the database at DATABASE_URL/],
    [{ CALLBOARD_DEMO: 'yes', HOST: '0.0.0.0' }, /on HOST 0\.0\.0\.0, which other machines can reach/],
    [{ CALLBOARD_DEMO: 'true', HOST: '10.0.0.5' }, /on HOST 10\.0\.0\.5, /],
  ])('refuses the demo on %o unless CALLBOARD_DEMO=force', (env, where) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(where);
    expect(() => loadConfig(env)).toThrow(
      /^CALLBOARD_DEMO would put demo accounts.*; set CALLBOARD_DEMO=force to run the demo there anyway$/,
    );
    expect(() => loadConfig(env)).not.toThrow(/pw@/);
    expect(loadConfig({ ...env, CALLBOARD_DEMO: 'force' }).CALLBOARD_DEMO).toBe(true);
    expect(loadConfig({ ...env, CALLBOARD_DEMO: '0' }).CALLBOARD_DEMO).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT must be a number/],
    [{ PORT: '70000' }, /^PORT must be a port number/],
    [{ CALLBOARD_TZ: 'Mars/Olympus' }, /^CALLBOARD_TZ must be an IANA time zone/],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL must be a URL starting with postgres:/],
    [{ REDIS_URL: 'localhost:6379' }, /^REDIS_URL must be a URL starting with redis:/],
    [{ CALLBOARD_DEMO: 'maybe' }, /^CALLBOARD_DEMO must be 0, 1 or force/],
    [{ CALLBOARD_INGEST_KEY: 'short' }, /^CALLBOARD_INGEST_KEY must be at least 16 characters$/],
    [{ CALLBOARD_ADMIN_PASSWORD: 'pw' }, /^CALLBOARD_ADMIN_PASSWORD must be at least 8 characters$/],
  ])('stops on %o with one line naming the variable', (env, message) => {
    let err: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
  });

  it('runs the writer unless CALLBOARD_WRITER=off, which needs the Redis log', () => {
    expect(loadConfig({}).CALLBOARD_WRITER).toBe(true);
    expect(loadConfig({}).CALLBOARD_WRITER_CLAIM_MS).toBe(30_000);
    expect(loadConfig({ CALLBOARD_WRITER: 'off', REDIS_URL: 'redis://127.0.0.1:6379' }).CALLBOARD_WRITER).toBe(false);
    expect(() => loadConfig({ CALLBOARD_WRITER: 'off' })).toThrow(/^CALLBOARD_WRITER=off needs REDIS_URL/);
    expect(() => loadConfig({ CALLBOARD_WRITER: 'sometimes' })).toThrow(/^CALLBOARD_WRITER must be on or off \(got "sometimes"\)$/);
    expect(() => loadConfig({ CALLBOARD_WRITER_CLAIM_MS: '5' })).toThrow(/^CALLBOARD_WRITER_CLAIM_MS /);
  });

  it('never echoes a secret in the error', () => {
    expect(() => loadConfig({ CALLBOARD_INGEST_KEY: 'secret' })).toThrow(/^CALLBOARD_INGEST_KEY must be at least 16 characters$/);
  });

  it('never echoes a session secret in the error', () => {
    expect(() => loadConfig({ CALLBOARD_SESSION_SECRET: 'short-secret' })).toThrow(
      /^CALLBOARD_SESSION_SECRET must be at least 32 characters$/,
    );
  });

  it('reads the socket origin allowlist as origins, refusing what is not a URL', () => {
    expect(loadConfig({ CALLBOARD_ALLOWED_ORIGINS: 'https://board.example.com/, http://10.0.0.5:3000' }).CALLBOARD_ALLOWED_ORIGINS).toEqual(
      ['https://board.example.com', 'http://10.0.0.5:3000'],
    );
    expect(() => loadConfig({ CALLBOARD_ALLOWED_ORIGINS: 'board.example.com' })).toThrow(/^CALLBOARD_ALLOWED_ORIGINS .*http/);
  });

  it('caps the distinct queues and agents of a day at 500 and 5,000 unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ CALLBOARD_LIVE_MAX_QUEUES: 500, CALLBOARD_LIVE_MAX_AGENTS: 5000 });
    expect(loadConfig({ CALLBOARD_LIVE_MAX_QUEUES: '20', CALLBOARD_LIVE_MAX_AGENTS: '300' })).toMatchObject({
      CALLBOARD_LIVE_MAX_QUEUES: 20,
      CALLBOARD_LIVE_MAX_AGENTS: 300,
    });
    expect(() => loadConfig({ CALLBOARD_LIVE_MAX_QUEUES: '0' })).toThrow(/^CALLBOARD_LIVE_MAX_QUEUES /);
  });

  it('takes events from 35 days back to 5 minutes ahead unless told otherwise, in whole days and minutes', () => {
    expect(loadConfig({})).toMatchObject({ CALLBOARD_EVENT_MAX_AGE_D: 35, CALLBOARD_EVENT_MAX_AHEAD_MIN: 5 });
    expect(loadConfig({ CALLBOARD_EVENT_MAX_AGE_D: '400', CALLBOARD_EVENT_MAX_AHEAD_MIN: '0' })).toMatchObject({
      CALLBOARD_EVENT_MAX_AGE_D: 400,
      CALLBOARD_EVENT_MAX_AHEAD_MIN: 0,
    });
    expect(() => loadConfig({ CALLBOARD_EVENT_MAX_AGE_D: '0' })).toThrow(/^CALLBOARD_EVENT_MAX_AGE_D /);
    expect(() => loadConfig({ CALLBOARD_EVENT_MAX_AGE_D: '1.5' })).toThrow(
      'CALLBOARD_EVENT_MAX_AGE_D must be a whole number of days (got "1.5")',
    );
    expect(() => loadConfig({ CALLBOARD_EVENT_MAX_AHEAD_MIN: 'soon' })).toThrow(/^CALLBOARD_EVENT_MAX_AHEAD_MIN must be a number/);
  });

  it('remembers event ids for 48 hours unless told otherwise, in whole hours up to 30 days', () => {
    expect(loadConfig({})).toMatchObject({ CALLBOARD_DEDUPE_WINDOW_H: 48 });
    expect(loadConfig({ CALLBOARD_DEDUPE_WINDOW_H: '72' })).toMatchObject({ CALLBOARD_DEDUPE_WINDOW_H: 72 });
    expect(loadConfig({ CALLBOARD_DEDUPE_WINDOW_H: '720' })).toMatchObject({ CALLBOARD_DEDUPE_WINDOW_H: 720 });
    expect(() => loadConfig({ CALLBOARD_DEDUPE_WINDOW_H: '0' })).toThrow('CALLBOARD_DEDUPE_WINDOW_H must be at least 1 hour (got "0")');
    expect(() => loadConfig({ CALLBOARD_DEDUPE_WINDOW_H: '1.5' })).toThrow(
      'CALLBOARD_DEDUPE_WINDOW_H must be a whole number of hours (got "1.5")',
    );
    expect(() => loadConfig({ CALLBOARD_DEDUPE_WINDOW_H: '721' })).toThrow(
      'CALLBOARD_DEDUPE_WINDOW_H must be at most 720 hours (30 days) (got "721")',
    );
    expect(() => loadConfig({ CALLBOARD_DEDUPE_WINDOW_H: 'two days' })).toThrow(/^CALLBOARD_DEDUPE_WINDOW_H must be a number of hours/);
  });

  it('has 15-minute idle and 12-hour absolute sessions by default', () => {
    const c = loadConfig({});
    expect([c.CALLBOARD_SESSION_IDLE_MIN, c.CALLBOARD_SESSION_MAX_H, c.CALLBOARD_LOGIN_MAX_FAILURES]).toEqual([15, 12, 5]);
  });

  it('holds a session to 8 live sockets and a socket to a burst of 5 subscribes by default, at least 1 of each', () => {
    const c = loadConfig({});
    expect([c.CALLBOARD_LIVE_SOCKETS, c.CALLBOARD_SUBSCRIBE_BURST]).toEqual([8, 5]);
    expect(loadConfig({ CALLBOARD_LIVE_SOCKETS: '24' }).CALLBOARD_LIVE_SOCKETS).toBe(24);
    expect(() => loadConfig({ CALLBOARD_LIVE_SOCKETS: '0' })).toThrow(/^CALLBOARD_LIVE_SOCKETS /);
    expect(() => loadConfig({ CALLBOARD_SUBSCRIBE_BURST: '0' })).toThrow(/^CALLBOARD_SUBSCRIBE_BURST /);
  });

  it('trusts no proxy by default, so X-Forwarded-For is ignored', () => {
    expect(loadConfig({}).CALLBOARD_TRUST_PROXY).toBe(false);
    expect(loadConfig({ CALLBOARD_TRUST_PROXY: 'off' }).CALLBOARD_TRUST_PROXY).toBe(false);
    expect(loadConfig({ CALLBOARD_TRUST_PROXY: '0' }).CALLBOARD_TRUST_PROXY).toBe(false);
  });

  it('reads CALLBOARD_TRUST_PROXY as a hop count or a list of proxy addresses and CIDRs', () => {
    expect(loadConfig({ CALLBOARD_TRUST_PROXY: '2' }).CALLBOARD_TRUST_PROXY).toBe(2);
    expect(loadConfig({ CALLBOARD_TRUST_PROXY: '10.0.0.5, 192.168.0.0/16,fd00::/8' }).CALLBOARD_TRUST_PROXY).toEqual([
      '10.0.0.5',
      '192.168.0.0/16',
      'fd00::/8',
    ]);
  });

  it('hands Fastify a hop count as "trust the nearest N hops"', () => {
    const trust = trustProxyOption(2) as (address: string, hop: number) => boolean;
    expect([0, 1, 2].map((hop) => trust('10.0.0.1', hop))).toEqual([true, true, false]);
    expect(trustProxyOption(false)).toBe(false);
    expect(trustProxyOption(['10.0.0.5'])).toEqual(['10.0.0.5']);
  });

  it.each(['true', '*', '11', '10.0.0.0/33', 'proxy.example.com', '10.0.0.5,'.repeat(2) + 'nope'])(
    'refuses CALLBOARD_TRUST_PROXY=%s, naming the variable',
    (value) => {
      expect(() => loadConfig({ CALLBOARD_TRUST_PROXY: value })).toThrow(
        /^CALLBOARD_TRUST_PROXY must be off, a hop count \(1–10\) or a comma-separated list of proxy addresses or CIDRs/,
      );
    },
  );
});
