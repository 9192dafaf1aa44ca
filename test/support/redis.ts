/** Redis for the suites: each app gets its own key prefix, and its keys go when the suite is done. */
import { createClient } from 'redis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Unlinks every key of one Callboard instance (the log's `{prefix}:…` and the sign-in limits' `prefix:…`); returns how many there were. */
export async function dropRedisKeys(prefix: string, url = TEST_REDIS_URL): Promise<number> {
  const client = createClient({ url });
  await client.connect();
  let dropped = 0;
  try {
    for (const match of [`{${prefix}}:*`, `${prefix}:*`]) {
      for await (const keys of client.scanIterator({ MATCH: match, COUNT: 1000 })) {
        if (keys.length) dropped += await client.unlink(keys);
      }
    }
  } finally {
    await client.quit();
  }
  return dropped;
}
