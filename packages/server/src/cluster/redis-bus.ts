import { Redis, type RedisOptions } from 'ioredis';
import type { ClusterBus } from './bus.js';

export interface RedisBusOptions {
  url: string;
  onError?: (error: unknown, context: string) => void;
}

/** Reconnect quickly (a restarted Redis is usually back within a second) but never give up. */
const retryStrategy = (times: number) => Math.min(50 * times, 1_000);

/**
 * Redis pub/sub as the cluster bus. Two connections, because a subscribed connection can do nothing
 * else: `commands` publishes (and runs the lock scripts) and fails fast while Redis is away — a lost
 * frame is repaired from Postgres; `subscriber` queues its SUBSCRIBEs until Redis is back and
 * resubscribes by itself after a reconnect.
 */
export class RedisBus implements ClusterBus {
  readonly commands: Redis;
  private readonly subscriber: Redis;
  private readonly handlers = new Map<string, (frame: Uint8Array) => void>();
  private readonly reconnectListeners: (() => void)[] = [];
  private closed = false;

  constructor(private readonly options: RedisBusOptions) {
    const common: RedisOptions = { retryStrategy, connectionName: 'ensemble' };
    this.commands = new Redis(options.url, { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.subscriber = new Redis(options.url, { ...common, maxRetriesPerRequest: null });
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      this.handlers.get(channel.toString())?.(
        new Uint8Array(message.buffer, message.byteOffset, message.byteLength),
      );
    });
    for (const [name, connection] of [
      ['commands', this.commands],
      ['subscriber', this.subscriber],
    ] as const) {
      let wasReady = false;
      let reported = false;
      connection.on('ready', () => {
        reported = false;
        if (wasReady && !this.closed) for (const listener of this.reconnectListeners) listener();
        wasReady = true;
      });
      connection.on('error', (error: unknown) => {
        // Reconnect attempts fail every second while Redis is away: say it once per outage.
        if (reported) return;
        reported = true;
        options.onError?.(error, `redis ${name} connection (reconnecting)`);
      });
    }
  }

  /** Resolves once both connections are up (start-up check: a wrong REDIS_URL fails loudly). */
  async ready(timeoutMs = 10_000): Promise<void> {
    const up = (connection: Redis) =>
      connection.status === 'ready'
        ? Promise.resolve()
        : new Promise<void>((resolve) => connection.once('ready', () => resolve()));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([Promise.all([up(this.commands), up(this.subscriber)]), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  publish(channel: string, frame: Uint8Array): void {
    // While Redis is away frames are dropped on the spot (the outage itself was reported once);
    // receivers re-sync from Postgres after the reconnect.
    if (this.commands.status !== 'ready') return;
    this.commands
      .publish(channel, Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength))
      .catch((error: unknown) => this.options.onError?.(error, `publishing to ${channel}`));
  }

  async subscribe(channel: string, onFrame: (frame: Uint8Array) => void): Promise<void> {
    this.handlers.set(channel, onFrame);
    await this.subscriber.subscribe(channel);
  }

  async unsubscribe(channel: string): Promise<void> {
    this.handlers.delete(channel);
    const done = this.subscriber.unsubscribe(channel).then(
      () => undefined,
      (error: unknown) => this.options.onError?.(error, `unsubscribing from ${channel}`),
    );
    // While Redis is away the UNSUBSCRIBE waits in the queue; nobody needs to wait for it.
    if (this.subscriber.status === 'ready') await done;
  }

  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.handlers.clear();
    await Promise.allSettled([this.commands.quit(), this.subscriber.quit()]);
    this.commands.disconnect();
    this.subscriber.disconnect();
  }
}
