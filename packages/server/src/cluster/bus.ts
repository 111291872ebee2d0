/**
 * The pub/sub transport between nodes: Redis in production (`redis-bus.ts`), an in-process hub in
 * tests. At-most-once, in order per publisher — exactly what Redis pub/sub promises, and why every
 * frame carries a sequence number.
 */
export interface ClusterBus {
  /** Fire and forget: a frame that cannot be sent is lost like one Redis dropped (receivers repair). */
  publish(channel: string, frame: Uint8Array): void;
  /** Resolves once frames published from now on are delivered to `onFrame`. One handler per channel. */
  subscribe(channel: string, onFrame: (frame: Uint8Array) => void): Promise<void>;
  unsubscribe(channel: string): Promise<void>;
  /** `listener` runs after the connection came back: frames may have been lost meanwhile. */
  onReconnect(listener: () => void): void;
  close(): Promise<void>;
}

/** In-process stand-in for Redis: every endpoint is one node; frames are delivered asynchronously. */
export class MemoryHub {
  private readonly endpoints = new Set<MemoryBus>();
  /** Return true to drop a frame on its way to `to` (tests of gap repair). */
  dropWhen: ((channel: string, frame: Uint8Array, to: MemoryBus) => boolean) | undefined;

  connect(): MemoryBus {
    const bus = new MemoryBus(this);
    this.endpoints.add(bus);
    return bus;
  }

  /** @internal */
  deliver(channel: string, frame: Uint8Array): void {
    for (const endpoint of this.endpoints) {
      if (this.dropWhen?.(channel, frame, endpoint)) continue;
      endpoint.receive(channel, frame);
    }
  }

  /** @internal */
  disconnect(bus: MemoryBus): void {
    this.endpoints.delete(bus);
  }
}

export class MemoryBus implements ClusterBus {
  private readonly handlers = new Map<string, (frame: Uint8Array) => void>();
  private readonly reconnectListeners: (() => void)[] = [];

  constructor(private readonly hub: MemoryHub) {}

  publish(channel: string, frame: Uint8Array): void {
    const copy = frame.slice();
    setImmediate(() => this.hub.deliver(channel, copy));
  }

  async subscribe(channel: string, onFrame: (frame: Uint8Array) => void): Promise<void> {
    this.handlers.set(channel, onFrame);
  }

  async unsubscribe(channel: string): Promise<void> {
    this.handlers.delete(channel);
  }

  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  /** Simulates a lost and restored connection (tests). */
  simulateReconnect(): void {
    for (const listener of this.reconnectListeners) listener();
  }

  async close(): Promise<void> {
    this.handlers.clear();
    this.hub.disconnect(this);
  }

  /** @internal */
  receive(channel: string, frame: Uint8Array): void {
    this.handlers.get(channel)?.(frame);
  }
}
