import type { HistoryPoint } from '../../persistence/history-store.js';
import type { LogPosition } from './reconstruct.js';

/**
 * Past documents recently materialised by time travel, kept so the next request nearby does not
 * decode a checkpoint again (the dominant cost for a big document): moving a timeline forward, or
 * restoring the version just viewed, only applies the updates in between. Each entry is an exact log
 * position; a request takes it (nobody else sees it while it is moved forward) and gives it back.
 * Decoded documents are large (roughly 15–20× their encoded state), hence the small bound shared by
 * every room of the node and the idle expiry.
 */
export class HistoryDocCache {
  /** Insertion order = least recently used first. */
  private readonly entries = new Map<number, { room: string; position: LogPosition; usedAt: number }>();
  private nextId = 1;
  private sweeper: ReturnType<typeof setInterval> | undefined;

  constructor(
    /** Documents kept at most, over all rooms; 0 turns the cache off. */
    readonly maxDocs: number,
    private readonly idleMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /**
   * Removes and returns the furthest position of `room` that `point` is at or after, if any: for a
   * moment, one whose every update is no later than it (later ones are applied on top by time).
   */
  take(room: string, point: HistoryPoint): LogPosition | undefined {
    let best: [number, LogPosition] | undefined;
    for (const [id, entry] of this.entries) {
      if (entry.room !== room) continue;
      const p = entry.position;
      const usable =
        'seq' in point ? p.seq <= point.seq : p.coveredUntil === null || p.coveredUntil <= point.at;
      if (usable && (!best || p.seq > best[1].seq)) best = [id, p];
    }
    if (!best) return undefined;
    this.entries.delete(best[0]);
    return best[1];
  }

  /** Keeps `position` (its document now belongs to the cache) for later requests of `room`. */
  put(room: string, position: LogPosition): void {
    if (this.maxDocs === 0) {
      position.doc.destroy();
      return;
    }
    this.entries.set(this.nextId++, { room, position, usedAt: this.now() });
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= this.maxDocs) break;
      this.entries.delete(id);
      entry.position.doc.destroy();
    }
    this.sweep();
  }

  /** Drops the documents of `room` (it unloaded), or of every room. */
  clear(room?: string): void {
    for (const [id, entry] of this.entries) {
      if (room !== undefined && entry.room !== room) continue;
      this.entries.delete(id);
      entry.position.doc.destroy();
    }
    this.sweep();
  }

  /** Expires idle documents, and keeps a timer (not holding the process open) only while any are left. */
  private sweep(): void {
    const cutoff = this.now() - this.idleMs;
    for (const [id, entry] of this.entries) {
      if (entry.usedAt > cutoff) continue;
      this.entries.delete(id);
      entry.position.doc.destroy();
    }
    if (this.entries.size === 0) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    } else if (!this.sweeper) {
      this.sweeper = setInterval(() => this.sweep(), this.idleMs);
      this.sweeper.unref();
    }
  }
}
