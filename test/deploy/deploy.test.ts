/**
 * The production layout in deploy/, checked without a container engine:
 * compose.yaml against the Compose specification's JSON schema (as shipped
 * with dclint) and dclint's own rules, the settings every API process gets
 * through the API's own configuration check, health checks, no committed
 * secrets, the Dockerfile (dockerfile-utils), and the Caddyfile and the backup
 * script where `caddy` and `shellcheck` are installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { DCLinter } from 'dclint';
import { validate as validateDockerfile } from 'dockerfile-utils';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { configSchema, loadConfig } from '@callboard/api';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEPLOY = path.join(ROOT, 'deploy');
const read = (file: string) => readFileSync(path.join(DEPLOY, file), 'utf8');

/** The settings of .env.example, as Compose reads an env file. */
function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) env[m[1]!] = m[2]!;
  }
  return env;
}

/** Compose's interpolation: $$, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}. */
function interpolate(value: string, env: Record<string, string>, used: Set<string>): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g,
    (whole, name: string | undefined, op?: string, arg?: string) => {
      if (whole === '$$') return '$';
      used.add(name!);
      const v = env[name!];
      const unset = v === undefined || (op?.startsWith(':') === true && v === '');
      if (op?.endsWith('-')) return unset ? (arg ?? '') : v!;
      if (op?.endsWith('?') && unset) throw new Error(`${name}: ${arg}`);
      return v ?? '';
    },
  );
}

function interpolateAll(node: unknown, env: Record<string, string>, used: Set<string>): unknown {
  if (typeof node === 'string') return interpolate(node, env, used);
  if (Array.isArray(node)) return node.map((n) => interpolateAll(n, env, used));
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolateAll(v, env, used)]));
  return node;
}

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string | number | boolean | null>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  command?: string[];
}
interface ComposeFile {
  services: Record<string, Service>;
}

const envExample = parseEnvFile(read('.env.example'));
const used = new Set<string>();
const raw = parseYaml(read('compose.yaml'), { merge: true }) as ComposeFile;
const compose = interpolateAll(raw, envExample, used) as ComposeFile;
const apiServices = Object.entries(compose.services).filter(([, s]) => s.build?.dockerfile === 'deploy/Dockerfile');

/** Names of settings that hold secrets: their values come from .env, never from a committed file. */
const SECRET_NAME = /PASSWORD|SECRET|TOKEN|_KEY$|AUTH/;

describe('deploy/compose.yaml', () => {
  it('is valid against the Compose specification', () => {
    const require = createRequire(import.meta.url);
    const schemaPath = path.join(path.dirname(require.resolve('dclint/package.json')), 'schemas/compose.schema.json');
    const { $schema, ...schema } = JSON.parse(readFileSync(schemaPath, 'utf8')) as { $schema: string; title: string };
    expect(schema.title).toBe('Compose Specification');
    // Draft-07, Ajv's own draft; the file names it by an https address Ajv does not register.
    expect($schema).toBe('https://json-schema.org/draft-07/schema');
    // The schema's own formats (duration, ports …) are not standard ones; its structure is what is checked.
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    const check = ajv.compile(schema);
    const ok = check(compose);
    expect(check.errors ?? [], JSON.stringify(check.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
    // And the check is not vacuous: a misspelt key is refused.
    expect(check({ services: { api: { image: 'x', helthcheck: {} } } })).toBe(false);
  });

  it("passes dclint's rules that are about correctness", () => {
    const linter = new DCLinter({
      rules: {
        // Style only: the file is ordered by the path a request takes, not alphabetically.
        'services-alphabetical-order': 0,
        'service-keys-order': 0,
        'top-level-properties-order': 0,
        'service-dependencies-alphabetical-order': 0,
        // `image` names what `build` makes, so both are set on purpose.
        'no-build-and-image': 0,
        // Caddy is the one service that must be reached from outside, on every interface.
        'no-unbound-port-interfaces': 0,
      },
      quiet: false,
      debug: false,
      exclude: [],
    });
    const [result] = linter.lintFiles([path.join(DEPLOY, 'compose.yaml')], false);
    expect(result?.messages ?? [], JSON.stringify(result?.messages, null, 2)).toEqual([]);
  });

  it('has a health check in every service, and waits on healthy services only', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.healthcheck?.test, `${name}: healthcheck`).toBeDefined();
      expect(service.healthcheck?.disable, `${name}: healthcheck.disable`).not.toBe(true);
      for (const [dep, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(compose.services[dep], `${name} depends on ${dep}`).toBeDefined();
        expect(condition, `${name} → ${dep}`).toBe('service_healthy');
      }
    }
    expect(Object.keys(compose.services).sort()).toEqual(['api-a', 'api-b', 'backup', 'caddy', 'redis', 'timescaledb']);
  });

  it('gives each API process every setting production needs, accepted by the API’s own configuration check', () => {
    expect(apiServices.map(([name]) => name)).toEqual(['api-a', 'api-b']);
    // Settings of the API, and the writer switch of a process that only appends and follows the log.
    const known = new Set([...Object.keys(configSchema.shape), 'CALLBOARD_WRITER']);
    for (const [name, service] of apiServices) {
      const env = Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]));
      for (const key of Object.keys(env)) expect(known, `${name}: ${key} is not a Callboard setting`).toContain(key);
      const config = loadConfig(env);
      expect(config.HOST, name).toBe('0.0.0.0');
      expect(config.CALLBOARD_DEMO, name).toBe(false);
      expect(config.DATABASE_URL, name).toBe('postgres://callboard:change-me-database-password@timescaledb:5432/callboard');
      expect(config.REDIS_URL, name).toBe('redis://:change-me-redis-password@redis:6379');
      expect(config.CALLBOARD_TRUST_PROXY, name).toBe(1);
      expect(config.CALLBOARD_PUBLIC_URL, name).toBe('https://callboard.example.com');
      expect(config.CALLBOARD_ALLOWED_ORIGINS, name).toEqual(['https://callboard.example.com']);
      expect(config.CALLBOARD_SESSION_SECRET?.length, name).toBeGreaterThanOrEqual(32);
      expect(config.CALLBOARD_TZ, name).toBe('Asia/Shanghai');
    }
    // Exactly one process runs the writer.
    expect(apiServices.map(([, s]) => s.environment?.CALLBOARD_WRITER)).toEqual(['1', '0']);
  });

  it('refuses to start without the secrets: each is required, none has a default', () => {
    for (const secret of ['POSTGRES_PASSWORD', 'REDIS_PASSWORD', 'CALLBOARD_SESSION_SECRET', 'CALLBOARD_DOMAIN']) {
      const { [secret]: _left, ...rest } = envExample;
      expect(() => interpolateAll(raw, rest, new Set()), secret).toThrow(new RegExp(`^${secret}: set ${secret} in .env$`));
    }
  });

  it('takes every variable from .env.example, and .env.example holds no unused one', () => {
    const documented = Object.keys(envExample).sort();
    expect([...used].sort()).toEqual(documented);
  });

  it('commits no secret: secret settings are interpolated in compose.yaml and placeholders in .env.example', () => {
    const text = read('compose.yaml');
    for (const line of text.split('\n')) {
      const m = /^\s*-?\s*([A-Z][A-Z0-9_]*)\s*[:=]\s*(.+)$/.exec(line);
      if (m && SECRET_NAME.test(m[1]!)) expect(m[2], line.trim()).toMatch(/^\$\{[A-Z_]+(:?[-?][^}]*)?\}$/);
    }
    // Credentials inside URLs, and the Redis password on its command line, come from .env too.
    expect(text).toContain('postgres://callboard:${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}@timescaledb');
    expect(text).toContain('redis://:${REDIS_PASSWORD:?set REDIS_PASSWORD in .env}@redis');
    expect(raw.services.redis!.command).toContain('${REDIS_PASSWORD:?set REDIS_PASSWORD in .env}');
    for (const [key, value] of Object.entries(envExample)) {
      if (SECRET_NAME.test(key)) expect(value, key).toMatch(/^change-me-/);
    }
    // Nothing that looks like a credential of Callboard or a private key anywhere in deploy/.
    for (const file of readdirSync(DEPLOY)) {
      const content = read(file);
      expect(content, file).not.toMatch(/cb[kt]_[A-Za-z0-9]{8,}|-----BEGIN [A-Z ]*PRIVATE KEY-----/);
    }
    expect(existsSync(path.join(DEPLOY, '.env')), 'deploy/.env must not be committed').toBe(false);
  });
});

describe('deploy/Dockerfile', () => {
  const text = read('Dockerfile');

  it('is a valid Dockerfile', () => {
    expect(validateDockerfile(text)).toEqual([]);
  });

  it('installs with npm ci from every workspace, builds, and runs the API as a user without privileges', () => {
    const workspaces = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
    // npm ci needs the package.json of every workspace the lockfile names.
    for (const w of workspaces) expect(text, w).toContain(`COPY ${w}/package.json ${w}/`);
    expect(text).toMatch(/^RUN npm ci /m);
    expect(text).toMatch(/^RUN npm run build$/m);
    const runtime = text.slice(text.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^CMD \["node", "--enable-source-maps", "api\/dist\/main\.js"\]$/m);
    // The API serves the wallboard from ../../wallboard/dist relative to api/dist, and runs db/migrations at start.
    expect(runtime).toContain('COPY --from=build /app/wallboard/dist wallboard/dist');
    expect(runtime).toContain('COPY --from=build /app/db/migrations db/migrations');
    const appTs = readFileSync(path.join(ROOT, 'api/src/app.ts'), 'utf8');
    expect(appTs).toContain("new URL('../../wallboard/dist/', import.meta.url)");
  });

  it('leaves local data, modules and .env out of the build context', () => {
    const ignore = read('Dockerfile.dockerignore').split('\n');
    for (const entry of ['**/node_modules', '**/dist', '**/.callboard', 'deploy/.env', '.git']) expect(ignore).toContain(entry);
  });
});

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

describe('deploy/Caddyfile and deploy/backup.sh', () => {
  it.skipIf(!has('caddy'))('the Caddyfile adapts and validates (caddy adapt --validate)', () => {
    const r = spawnSync('caddy', ['adapt', '--config', path.join(DEPLOY, 'Caddyfile'), '--validate'], {
      env: { ...process.env, CALLBOARD_DOMAIN: 'callboard.example.com', ACME_EMAIL: 'ops@example.com' },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const config = JSON.parse(r.stdout) as { apps: { http: { servers: Record<string, { routes: unknown[] }> } } };
    const proxy = JSON.stringify(config.apps.http.servers);
    expect(proxy).toContain('"policy":"cookie"');
    expect(proxy).toContain('{"dial":"api-a:3000"},{"dial":"api-b:3000"}');
    expect(proxy).toContain('"uri":"/health"');
  });

  it.skipIf(!has('shellcheck'))('the backup script passes shellcheck', () => {
    const r = spawnSync('shellcheck', ['--shell=sh', path.join(DEPLOY, 'backup.sh')], { encoding: 'utf8' });
    expect(r.status, r.stdout).toBe(0);
  });

  it('the Caddyfile proxies to both API processes with sticky sessions and health checks', () => {
    const caddyfile = read('Caddyfile');
    expect(caddyfile).toMatch(/reverse_proxy api-a:3000 api-b:3000 \{/);
    expect(caddyfile).toMatch(/^\s*lb_policy cookie \S+$/m);
    expect(caddyfile).toMatch(/^\s*health_uri \/health$/m);
    expect(caddyfile).not.toMatch(/^\s*trusted_proxies\b/m);
  });
});
