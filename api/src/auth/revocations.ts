/**
 * Ended sessions, announced to every API process: this one at once, the others
 * through Redis pub/sub when Redis is configured. Listeners drop cached
 * sessions and disconnect the sockets that belonged to them.
 */
import { EventEmitter } from 'node:events';
import { createClient } from 'redis';

export type Revocation =
  | { kind: 'session'; id: string }
  | { kind: 'user'; id: string }
  | { kind: 'kiosk'; id: string };

export interface RevocationBus {
  publish(r: Revocation): Promise<void>;
  on(listener: (r: Revocation) => void): void;
  close(): Promise<void>;
}

export class LocalRevocationBus implements RevocationBus {
  protected readonly emitter = new EventEmitter();
  async publish(r: Revocation): Promise<void> {
    this.emitter.emit('revoked', r);
  }
  on(listener: (r: Revocation) => void): void {
    this.emitter.on('revoked', listener);
  }
  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

export class RedisRevocationBus extends LocalRevocationBus {
  private constructor(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    private readonly pub: any,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    private readonly sub: any,
    private readonly channel: string,
  ) {
    super();
  }

  static async connect(url: string, prefix: string, onError: (err: unknown) => void): Promise<RedisRevocationBus> {
    const pub = createClient({ url });
    pub.on('error', onError);
    await pub.connect();
    const sub = pub.duplicate();
    sub.on('error', onError);
    await sub.connect();
    const bus = new RedisRevocationBus(pub, sub, `${prefix}:auth:revoked`);
    await sub.subscribe(bus.channel, (message: string) => {
      try {
        bus.emitter.emit('revoked', JSON.parse(message) as Revocation);
      } catch (err) {
        onError(err);
      }
    });
    return bus;
  }

  /** Acted on here at once (also if Redis is down), and in every other process through the channel. */
  override async publish(r: Revocation): Promise<void> {
    await super.publish(r);
    await this.pub.publish(this.channel, JSON.stringify(r));
  }

  override async close(): Promise<void> {
    await super.close();
    await this.sub.quit().catch(() => undefined);
    await this.pub.quit().catch(() => undefined);
  }
}
