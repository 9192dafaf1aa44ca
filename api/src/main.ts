import { FirstUsers } from './auth/users/first-users.service.js';
import { ConfigError, loadConfig } from './config/config.js';
import { DatabaseUnusableError } from '@callboard/db';
import { RedisUnavailableError } from './infra/redis.js';

/** Starts the API. A wrong setting or an unusable database stops it with one line. */
export async function main(env: Record<string, string | undefined> = process.env): Promise<void> {
  let config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`callboard: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const { createApp } = await import('./app.js');
  try {
    const app = await createApp(config);
    await app.listen({ port: config.PORT, host: config.HOST });
    const url = `http://localhost:${config.PORT}`;
    process.stdout.write(
      `Callboard is running on ${url}  (database: ${config.DATABASE_URL ? 'TimescaleDB server' : `embedded in ${config.CALLBOARD_DATA_DIR}`}, ` +
        `log: ${config.REDIS_URL ? 'Redis Streams' : 'in-process'}${config.CALLBOARD_DEMO ? ', demo data from the simulator' : ''})\n`,
    );
    // Demo logins go to the terminal only, never into the JSON log.
    process.stdout.write(app.get(FirstUsers).banner(config.CALLBOARD_PUBLIC_URL ?? url));
  } catch (err) {
    if (err instanceof DatabaseUnusableError || err instanceof RedisUnavailableError) {
      process.stderr.write(`callboard: ${err.message}\n`);
      process.exit(3);
    }
    throw err;
  }
}

const isEntry = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) void main();
