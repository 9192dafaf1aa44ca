/**
 * A message for every API process: delivered in this process at once, and to
 * the others through a Redis pub/sub channel when Redis is configured. Used for
 * ended sessions and changed settings.
 */
import { EventEmitter } from 'node:events';
import type { RedisClient, RedisClients } from './redis.js';

export interface Broadcast<T> {
  publish(message: T): Promise<void>;
  on(listener: (message: T) => void): void;
  close(): Promise<void>;
}

/** One process only (no Redis): publishing delivers to this process's listeners. */
export class LocalBroadcast<T> implements Broadcast<T> {
  protected readonly emitter = new EventEmitter();
  async publish(message: T): Promise<void> {
    this.emitter.emit('message', message);
  }
  on(listener: (message: T) => void): void {
    this.emitter.on('message', listener);
  }
  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

/**
 * Messages are JSON on `channel`. The publisher's listeners hear each message
 * at once and again when Redis echoes it back. Redis errors go to `onError`;
 * while Redis is away node-redis keeps reconnecting (and resubscribes).
 */
export class RedisBroadcast<T> extends LocalBroadcast<T> {
  private pub: RedisClient | undefined;
  private sub: RedisClient | undefined;

  constructor(
    private readonly redis: RedisClients,
    readonly channel: string,
    private readonly onError: (err: unknown) => void,
  ) {
    super();
  }

  /** Connects and subscribes; a Redis that does not answer within 10 s rejects with RedisUnavailableError. */
  async start(): Promise<this> {
    this.pub = await this.redis.connect(`channel ${this.channel}`, this.onError);
    this.sub = await this.redis.connect(`channel ${this.channel}`, this.onError);
    await this.sub.subscribe(this.channel, (message: string) => {
      try {
        this.emitter.emit('message', JSON.parse(message) as T);
      } catch (err) {
        this.onError(err);
      }
    });
    return this;
  }

  /** Acted on here at once (also if Redis is down), and in every other process through the channel. */
  override async publish(message: T): Promise<void> {
    await super.publish(message);
    if (!this.pub) throw new Error(`channel ${this.channel} is not started`);
    await this.pub.publish(this.channel, JSON.stringify(message));
  }

  override async close(): Promise<void> {
    await super.close();
    if (this.sub) await this.redis.quit(this.sub);
    if (this.pub) await this.redis.quit(this.pub);
  }
}
