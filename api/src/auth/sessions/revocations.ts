/**
 * Ended sessions, announced to every API process: this one at once, the others
 * through Redis pub/sub when Redis is configured. Listeners drop cached
 * sessions and disconnect the sockets that belonged to them.
 */
import { type Broadcast, LocalBroadcast, RedisBroadcast } from '../../infra/broadcast.js';
import type { RedisClients } from '../../infra/redis.js';

export type Revocation = { kind: 'session'; id: string } | { kind: 'user'; id: string } | { kind: 'kiosk'; id: string };

export type RevocationBus = Broadcast<Revocation>;

export class LocalRevocationBus extends LocalBroadcast<Revocation> {}

export class RedisRevocationBus extends RedisBroadcast<Revocation> {
  static async connect(redis: RedisClients, prefix: string, onError: (err: unknown) => void): Promise<RedisRevocationBus> {
    return new RedisRevocationBus(redis, `${prefix}:auth:revoked`, onError).start();
  }
}
