import type { ClusterBus } from './bus.js';
import { type ClusterFrame, decodeFrame, encodeFrame } from './frames.js';

/** What a link needs from its loaded room (implemented by rooms/room.ts). */
export interface LinkedRoom {
  /** A document update another node accepted: apply and relay locally; never log or republish it. */
  applyRemoteUpdate(update: Uint8Array): void;
  /** Awareness of clients connected to another node (`owner` stands for that node). */
  applyRemoteAwareness(owner: object, update: Uint8Array): void;
  /** A service event another node broadcast. */
  deliverRemoteEvent(service: string, name: string, body: string): void;
  /** Re-reads the room's log from the store and applies whatever this node is missing. */
  catchUp(): Promise<void>;
}

export interface LinkTimings {
  /** After a gap, wait at most this long for the sender's watermark before re-syncing anyway. */
  gapRepairMs: number;
  /** A re-sync this long after load/reconnect catches updates committed around that moment. */
  settleMs: number;
  /** A durability watermark nobody carried along is sent on its own after this long. */
  watermarkDelayMs: number;
  /** Room loads do not wait longer than this for the SUBSCRIBE (Redis away → re-sync later). */
  subscribeTimeoutMs: number;
}

export const DEFAULT_LINK_TIMINGS: LinkTimings = {
  gapRepairMs: 2_000,
  settleMs: 1_000,
  watermarkDelayMs: 250,
  subscribeTimeoutMs: 2_000,
};

export type ResyncReason = 'gap' | 'gap-timeout' | 'settle' | 'reconnect' | 'retry';

export interface LinkHost {
  readonly nodeId: string;
  readonly bus: ClusterBus;
  readonly timings: LinkTimings;
  onError(error: unknown, context: string): void;
  onFrame?(direction: 'in' | 'out', kind: ClusterFrame['kind']): void;
  onGap?(): void;
  onResync?(reason: ResyncReason): void;
  forget(link: RoomLink): void;
}

interface Peer {
  /** Newest sequence number seen from that node. */
  last: number;
  /** Highest missing sequence number not yet repaired (0: none). */
  need: number;
  fallback: NodeJS.Timeout | undefined;
}

type Body =
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'event'; service: string; name: string; body: string }
  | { kind: 'mark' };

/**
 * One loaded room's membership in the cluster: publishes what this node accepted, applies what the
 * others accepted, and turns every sign of loss (a sequence gap, a reconnect) into a re-sync from the
 * store instead of silent divergence.
 */
export class RoomLink {
  readonly channel: string;
  /** Resolves when subscribed (or after the subscribe timeout: then a reconnect re-syncs the room). */
  readonly ready: Promise<void>;
  private seq = 0;
  /** Sequence number of the newest update this node published, and of the newest one stored. */
  private lastUpdate = 0;
  private durableUpdate = 0;
  private durableSent = 0;
  private room: LinkedRoom | undefined;
  private early: ClusterFrame[] = [];
  private readonly peers = new Map<string, Peer>();
  private readonly owners = new Map<string, object>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private watermarkTimer: NodeJS.Timeout | undefined;
  private catchingUp: Promise<void> | undefined;
  private catchUpAgain = false;
  private closed = false;

  constructor(
    private readonly host: LinkHost,
    readonly name: string,
    channel: string,
  ) {
    this.channel = channel;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, host.timings.subscribeTimeoutMs);
      timer.unref();
    });
    const subscribed = host.bus
      .subscribe(channel, (bytes) => this.onBytes(bytes))
      .catch((error: unknown) => host.onError(error, `subscribing to room ${name}`));
    this.ready = Promise.race([subscribed, timeout]).finally(() => clearTimeout(timer));
  }

  /** The room is loaded: frames that arrived while it loaded are applied (all idempotent). */
  bind(room: LinkedRoom): void {
    this.room = room;
    const early = this.early;
    this.early = [];
    for (const frame of early) this.handle(frame);
    // An update published before our SUBSCRIBE but committed after our load is in neither.
    this.later(this.host.timings.settleMs, 'settle');
  }

  /** Publishes an update this node accepted; returns its sequence number for `markDurable`. */
  publishUpdate(update: Uint8Array): number {
    this.lastUpdate = this.seq + 1;
    return this.send({ kind: 'update', update });
  }

  publishAwareness(update: Uint8Array): void {
    this.send({ kind: 'awareness', update });
  }

  publishEvent(service: string, name: string, body: string): void {
    this.send({ kind: 'event', service, name, body });
  }

  /** Every update this node published up to `seq` is in the store. */
  markDurable(seq: number): void {
    if (seq <= this.durableUpdate || this.closed) return;
    this.durableUpdate = seq;
    if (this.watermarkTimer) return;
    this.watermarkTimer = setTimeout(() => {
      this.watermarkTimer = undefined;
      if (!this.closed && this.watermark(this.seq) > this.durableSent) this.send({ kind: 'mark' });
    }, this.host.timings.watermarkDelayMs);
    this.watermarkTimer.unref();
  }

  /**
   * What frame `seq` may promise: every frame up to the watermark is either a stored update or
   * something a re-sync cannot bring back anyway (awareness, events) — so once all published
   * updates are stored, the watermark is the frame itself.
   */
  private watermark(seq: number): number {
    return this.durableUpdate >= this.lastUpdate ? seq : this.durableUpdate;
  }

  /** The bus connection was lost and is back: anything may have been missed in between. */
  onReconnect(): void {
    if (this.closed) return;
    for (const peer of this.peers.values()) clearTimeout(peer.fallback);
    this.peers.clear();
    this.requestCatchUp('reconnect');
    this.later(this.host.timings.settleMs, 'reconnect');
    // Tell the others our current sequence number, so they notice frames of ours that were lost.
    this.send({ kind: 'mark' });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.room = undefined;
    clearTimeout(this.watermarkTimer);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const peer of this.peers.values()) clearTimeout(peer.fallback);
    this.host.forget(this);
    await this.host.bus.unsubscribe(this.channel).catch(() => undefined);
  }

  private send(body: Body): number {
    const seq = ++this.seq;
    const durable = this.watermark(seq);
    this.durableSent = durable;
    this.host.bus.publish(
      this.channel,
      encodeFrame({ ...body, node: this.host.nodeId, seq, durable } as ClusterFrame),
    );
    this.host.onFrame?.('out', body.kind);
    return seq;
  }

  private onBytes(bytes: Uint8Array): void {
    if (this.closed) return;
    const frame = decodeFrame(bytes);
    if (!frame || frame.node === this.host.nodeId) return;
    if (!this.room) {
      this.early.push(frame);
      return;
    }
    this.handle(frame);
  }

  private handle(frame: ClusterFrame): void {
    const room = this.room;
    if (!room) return;
    this.host.onFrame?.('in', frame.kind);
    let peer = this.peers.get(frame.node);
    if (!peer) {
      // First frame from that node since load/reconnect: anything it sent before may have been
      // missed (published before our SUBSCRIBE, or while either side was cut off from Redis).
      peer = { last: frame.seq, need: 0, fallback: undefined };
      this.peers.set(frame.node, peer);
      if (frame.seq > 1) this.onGap(peer, frame.seq - 1, false);
    } else {
      if (frame.seq > peer.last + 1) this.onGap(peer, frame.seq - 1);
      peer.last = Math.max(peer.last, frame.seq);
    }
    if (peer.need > 0 && frame.durable >= peer.need) {
      // The missing frames are in the store now: fetch them.
      peer.need = 0;
      clearTimeout(peer.fallback);
      peer.fallback = undefined;
      this.requestCatchUp('gap');
    }
    try {
      switch (frame.kind) {
        case 'update':
          room.applyRemoteUpdate(frame.update);
          break;
        case 'awareness':
          room.applyRemoteAwareness(this.ownerFor(frame.node), frame.update);
          break;
        case 'event':
          room.deliverRemoteEvent(frame.service, frame.name, frame.body);
          break;
        case 'mark':
          break;
      }
    } catch (error) {
      this.host.onError(error, `applying a ${frame.kind} frame from node ${frame.node} in room ${this.name}`);
    }
  }

  private onGap(peer: Peer, missingUpTo: number, lost = true): void {
    if (lost) this.host.onGap?.();
    peer.need = Math.max(peer.need, missingUpTo);
    if (peer.fallback) return;
    // The sender may have died before its watermark went out: re-sync anyway after a while.
    peer.fallback = setTimeout(() => {
      peer.fallback = undefined;
      if (peer.need === 0 || this.closed) return;
      peer.need = 0;
      this.requestCatchUp('gap-timeout');
    }, this.host.timings.gapRepairMs);
    peer.fallback.unref();
  }

  private ownerFor(node: string): object {
    let owner = this.owners.get(node);
    if (!owner) {
      owner = { node };
      this.owners.set(node, owner);
    }
    return owner;
  }

  private later(ms: number, reason: ResyncReason): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.requestCatchUp(reason);
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  /** Runs one re-sync at a time; requests arriving meanwhile cause exactly one more. */
  private requestCatchUp(reason: ResyncReason): void {
    if (this.closed || !this.room) return;
    this.host.onResync?.(reason);
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return;
    }
    this.catchingUp = (async () => {
      do {
        this.catchUpAgain = false;
        const room = this.room;
        if (!room) break;
        try {
          await room.catchUp();
        } catch (error) {
          this.host.onError(error, `re-syncing room ${this.name} from the store; retrying`);
          this.later(this.host.timings.gapRepairMs, 'retry');
        }
      } while (this.catchUpAgain && !this.closed);
      // Cleared in the same tick as the last check, so no request can fall in between.
      this.catchingUp = undefined;
    })();
  }
}
