import { randomBytes } from 'node:crypto';
import type { RateLimiter } from '../limits/rate-limiter.js';
import type { LockStore } from '../services/locks/lock-store.js';
import type { ClusterBus } from './bus.js';
import type { ClusterFrame } from './frames.js';
import type { ClusterMetrics } from './metrics.js';
import { DEFAULT_LINK_TIMINGS, type LinkHost, type LinkTimings, RoomLink } from './room-link.js';

/** The subset of a pino logger the cluster uses. */
export interface ClusterLogger {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface ClusterOptions {
  bus: ClusterBus;
  /** Unique per process start; default random. */
  nodeId?: string;
  /** Prefix of every channel and key, so several deployments can share one Redis. Default `ensemble:`. */
  prefix?: string;
  timings?: Partial<LinkTimings>;
  /** Cluster-wide lock state (Redis); without it every node arbitrates its own locks. */
  locks?: LockStore;
  /** Cluster-wide rate limits and connection caps (Redis); without it each node limits on its own. */
  rateLimiter?: RateLimiter;
  metrics?: ClusterMetrics;
  log?: ClusterLogger;
  /** Runs on close, before the bus closes (e.g. deleting this node's liveness key). */
  onClose?: () => Promise<void>;
}

/**
 * This node's membership in a cluster of identical nodes: one `RoomLink` per loaded room (a node
 * only hears about rooms it has loaded), the shared lock store and rate limiter, and reconnect handling.
 */
export class Cluster implements LinkHost {
  readonly nodeId: string;
  readonly bus: ClusterBus;
  readonly timings: LinkTimings;
  readonly locks: LockStore | undefined;
  readonly rateLimiter: RateLimiter | undefined;
  private readonly prefix: string;
  private readonly links = new Set<RoomLink>();

  constructor(private readonly options: ClusterOptions) {
    this.nodeId = options.nodeId ?? `n-${randomBytes(6).toString('hex')}`;
    this.bus = options.bus;
    this.timings = { ...DEFAULT_LINK_TIMINGS, ...options.timings };
    this.locks = options.locks;
    this.rateLimiter = options.rateLimiter;
    this.prefix = options.prefix ?? 'ensemble:';
    this.bus.onReconnect(() => {
      this.options.log?.warn(
        { node: this.nodeId, rooms: this.links.size },
        'cluster: Redis connection restored; re-syncing loaded rooms',
      );
      for (const link of this.links) link.onReconnect();
    });
  }

  /** Subscribes to a room's channel; the room manager calls this once per load. */
  link(room: string): RoomLink {
    const link = new RoomLink(this, room, `${this.prefix}room:${room}`);
    this.links.add(link);
    this.options.metrics?.linkedRooms.set(this.links.size);
    return link;
  }

  get linkedRooms(): number {
    return this.links.size;
  }

  async close(): Promise<void> {
    await Promise.all([...this.links].map((link) => link.close()));
    await this.options.onClose?.();
    await this.bus.close();
  }

  // LinkHost

  onError(error: unknown, context: string): void {
    this.options.log?.error({ err: error }, `cluster: ${context}`);
  }

  onFrame(direction: 'in' | 'out', kind: ClusterFrame['kind']): void {
    this.options.metrics?.frames.inc({ direction, kind });
  }

  onGap(): void {
    this.options.metrics?.gaps.inc();
  }

  onResync(reason: string): void {
    this.options.metrics?.resyncs.inc({ reason });
  }

  forget(link: RoomLink): void {
    this.links.delete(link);
    this.options.metrics?.linkedRooms.set(this.links.size);
  }
}
