/** Ended sessions reach every API process through Redis: what one process publishes, another acts on. */
import { afterAll, expect, it } from 'vitest';
import { RedisClients, RedisRevocationBus, type Revocation } from '@callboard/api';

const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `test-revocations-${process.pid}-${Date.now()}`;
const redis = new RedisClients(url);
const buses: RedisRevocationBus[] = [];

afterAll(async () => {
  for (const b of buses) await b.close();
  await redis.close();
});

it('delivers a revocation published by one process to the others, and to itself at once', async () => {
  const errors: unknown[] = [];
  const [one, two, other] = await Promise.all([
    RedisRevocationBus.connect(redis, prefix, (e) => errors.push(e)),
    RedisRevocationBus.connect(redis, prefix, (e) => errors.push(e)),
    RedisRevocationBus.connect(redis, `${prefix}-another-instance`, (e) => errors.push(e)),
  ]);
  buses.push(one, two, other);
  const seen: Record<string, Revocation[]> = { one: [], two: [], other: [] };
  one.on((r) => seen.one!.push(r));
  two.on((r) => seen.two!.push(r));
  other.on((r) => seen.other!.push(r));

  await one.publish({ kind: 'user', id: 'u-17' });
  // The publisher acts before Redis answers; then it hears its own message too.
  expect(seen.one![0]).toEqual({ kind: 'user', id: 'u-17' });
  const deadline = Date.now() + 5_000;
  while (seen.two!.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(seen.two).toEqual([{ kind: 'user', id: 'u-17' }]);
  await two.publish({ kind: 'kiosk', id: 'k-3' });
  while (seen.one!.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(seen.one).toEqual([
    { kind: 'user', id: 'u-17' },
    { kind: 'user', id: 'u-17' },
    { kind: 'kiosk', id: 'k-3' },
  ]);
  // An instance with another key prefix is a different Callboard: it hears nothing.
  expect(seen.other).toEqual([]);
  expect(errors).toEqual([]);
});
