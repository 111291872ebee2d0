import {
  type AwarenessEntry,
  decodeAwarenessUpdate,
  encodeAwareness,
  encodeAwarenessUpdate,
} from '@ensemble/protocol';

interface HeldState {
  clock: number;
  state: string;
  owner: object | null;
  updatedAt: number;
}

export interface AwarenessVerdict {
  accepted: number;
  dropped: number;
  /** Entries for client ids another socket owns (SPEC 3.5). */
  foreign: number;
  malformed?: string;
}

const REMOVED = 'null';

/**
 * The server's view of a room's awareness (SPEC 3.5–3.6): who owns which client id, the newest clock
 * and state per id, and a 33 ms relay window that sends each changed client once, encoded once.
 */
export class AwarenessRelay {
  private readonly states = new Map<number, HeldState>();
  private readonly owned = new Map<object, Set<number>>();
  private readonly dirty = new Set<number>();
  private timer: NodeJS.Timeout | undefined;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly broadcast: (frame: Uint8Array) => void,
    private readonly intervalMs: number,
    private readonly timeoutMs: number,
  ) {}

  /** Applies an awareness update from `owner`; changed entries are relayed at the next window. */
  receive(owner: object, update: Uint8Array): AwarenessVerdict {
    const entries = decodeAwarenessUpdate(update);
    if (typeof entries === 'string') return { accepted: 0, dropped: 0, foreign: 0, malformed: entries };
    const verdict: AwarenessVerdict = { accepted: 0, dropped: 0, foreign: 0 };
    const now = Date.now();
    for (const entry of entries) {
      const held = this.states.get(entry.clientId);
      if (held?.owner && held.owner !== owner) {
        verdict.foreign++;
        continue;
      }
      const newer =
        !held ||
        entry.clock > held.clock ||
        (entry.clock === held.clock && entry.state === REMOVED && held.state !== REMOVED);
      if (!newer) {
        verdict.dropped++;
        continue;
      }
      this.states.set(entry.clientId, { clock: entry.clock, state: entry.state, owner, updatedAt: now });
      let ids = this.owned.get(owner);
      if (!ids) {
        ids = new Set();
        this.owned.set(owner, ids);
      }
      ids.add(entry.clientId);
      this.dirty.add(entry.clientId);
      verdict.accepted++;
    }
    if (verdict.accepted > 0) this.schedule();
    return verdict;
  }

  /** Every live state, as one awareness frame (for joiners and query-awareness), or null if none. */
  snapshotFrame(): Uint8Array | null {
    const entries: AwarenessEntry[] = [];
    for (const [clientId, held] of this.states) {
      if (held.state !== REMOVED) entries.push({ clientId, clock: held.clock, state: held.state });
    }
    return entries.length > 0 ? encodeAwareness(encodeAwarenessUpdate(entries)) : null;
  }

  /** The socket is gone: its client ids are removed for everyone (SPEC 3.6). */
  removeOwner(owner: object): void {
    const ids = this.owned.get(owner);
    this.owned.delete(owner);
    if (!ids) return;
    for (const id of ids) this.markRemoved(id);
    this.flushNow();
  }

  get size(): number {
    let live = 0;
    for (const held of this.states.values()) if (held.state !== REMOVED) live++;
    return live;
  }

  destroy(): void {
    clearTimeout(this.timer);
    clearInterval(this.sweeper);
    this.timer = undefined;
    this.sweeper = undefined;
    this.states.clear();
    this.owned.clear();
    this.dirty.clear();
  }

  private markRemoved(id: number): void {
    const held = this.states.get(id);
    if (!held || held.state === REMOVED) return;
    this.states.set(id, { clock: held.clock + 1, state: REMOVED, owner: null, updatedAt: Date.now() });
    this.dirty.add(id);
  }

  private schedule(): void {
    if (!this.timer) this.timer = setTimeout(() => this.flushNow(), this.intervalMs);
    if (!this.sweeper) {
      this.sweeper = setInterval(() => this.sweep(), Math.max(1000, this.timeoutMs / 3));
      this.sweeper.unref();
    }
  }

  private flushNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dirty.size === 0) return;
    const entries: AwarenessEntry[] = [];
    for (const id of this.dirty) {
      const held = this.states.get(id);
      if (held) entries.push({ clientId: id, clock: held.clock, state: held.state });
    }
    this.dirty.clear();
    this.broadcast(encodeAwareness(encodeAwarenessUpdate(entries)));
  }

  /** Drops states nobody renewed (a client that vanished without a close) and old tombstones. */
  private sweep(): void {
    const now = Date.now();
    for (const [id, held] of this.states) {
      if (now - held.updatedAt < this.timeoutMs) continue;
      if (held.state === REMOVED) this.states.delete(id);
      else {
        if (held.owner) this.owned.get(held.owner)?.delete(id);
        this.markRemoved(id);
      }
    }
    this.flushNow();
    if (this.states.size === 0) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
  }
}
