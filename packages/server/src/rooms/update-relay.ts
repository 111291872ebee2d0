import { encodeSync, SyncStep } from '@ensemble/protocol';
import * as Y from 'yjs';

export interface UpdateRelayOptions {
  /**
   * Frames per second a room may send in total before it starts batching: a room of `n` sockets
   * flushes at most every `n / relayFramesPerSecond` seconds (SPEC 3.3a).
   */
  relayFramesPerSecond: number;
  /** Upper bound of the batching delay, whatever the room size. */
  maxBatchDelayMs: number;
}

/** What the relay sends through: the room's members, one frame for all, minus an optional author. */
export type RelaySend = (frame: Uint8Array, except: object | null) => void;

/**
 * Relays accepted document updates to a room's sockets (SPEC 3.3, 3.3a). Updates that arrive in the
 * same event-loop turn — or, in a busy large room, within one batching interval — go out as ONE
 * merged update, encoded once for every socket. The cost of a room is then bounded by
 * sockets × flushes instead of sockets × updates: 200 sockets each typing twice a second would
 * otherwise need 80,000 frames a second.
 *
 * A lone update is sent as is (byte-identical, its author left out). A merged batch goes to everyone,
 * its authors included: re-applying one's own structs is a no-op in Yjs, and computing one merge per
 * author would cost more than the bytes it saves.
 */
export class UpdateRelay {
  private pending: { update: Uint8Array; origin: object | null }[] = [];
  private immediate: NodeJS.Immediate | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastFlush = Number.NEGATIVE_INFINITY;
  private destroyed = false;

  constructor(
    private readonly send: RelaySend,
    private readonly memberCount: () => number,
    private readonly options: UpdateRelayOptions,
  ) {}

  /** Queues `update` (authored by `origin`, a socket, or null) for the next flush. */
  push(update: Uint8Array, origin: object | null): void {
    if (this.destroyed) return;
    this.pending.push({ update, origin });
    if (this.immediate || this.timer) return;
    const wait = this.lastFlush + this.intervalMs() - performance.now();
    // Leading edge: a quiet room relays at the end of this turn, adding no measurable latency.
    if (wait <= 0) this.immediate = setImmediate(() => this.flush());
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /**
   * Sends what is queued now. Called before any other frame goes to a member of the room, so a
   * socket never sees an event or a response before the document change that preceded it.
   */
  flush(): void {
    this.cancel();
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    this.lastFlush = performance.now();
    if (batch.length === 1) {
      const { update, origin } = batch[0]!;
      this.send(encodeSync(SyncStep.Update, update), origin);
      return;
    }
    const origin = batch[0]!.origin;
    const sameAuthor = batch.every((entry) => entry.origin === origin);
    const merged = Y.mergeUpdates(batch.map((entry) => entry.update));
    this.send(encodeSync(SyncStep.Update, merged), sameAuthor ? origin : null);
  }

  destroy(): void {
    this.destroyed = true;
    this.pending = [];
    this.cancel();
  }

  private cancel(): void {
    if (this.immediate) clearImmediate(this.immediate);
    if (this.timer) clearTimeout(this.timer);
    this.immediate = undefined;
    this.timer = undefined;
  }

  private intervalMs(): number {
    const ms = (this.memberCount() / this.options.relayFramesPerSecond) * 1000;
    return Math.min(ms, this.options.maxBatchDelayMs);
  }
}
