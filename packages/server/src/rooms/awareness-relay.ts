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
  /** The accepted entries (what other nodes of a cluster need to hear). */
  entries: AwarenessEntry[];
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
  /** Owners standing for another node's sockets (cluster): their client ids may move to anyone. */
  private readonly remoteOwners = new WeakSet<object>();
  /** Each socket's own client id: the first one it announced (y-websocket sends its own state first). */
  private readonly selfIds = new WeakMap<object, number>();
  private timer: NodeJS.Timeout | undefined;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly broadcast: (frame: Uint8Array) => void,
    /** The relay window; a function lets a large room widen it (SPEC 3.5). */
    private readonly intervalMs: number | (() => number),
    private readonly timeoutMs: number,
  ) {}

  /** Applies an awareness update from `owner`; changed entries are relayed at the next window. */
  receive(owner: object, update: Uint8Array): AwarenessVerdict {
    const entries = decodeAwarenessUpdate(update);
    if (typeof entries === 'string')
      return { accepted: 0, dropped: 0, foreign: 0, malformed: entries, entries: [] };
    const verdict: AwarenessVerdict = { accepted: 0, dropped: 0, foreign: 0, entries: [] };
    const now = Date.now();
    const remote = this.remoteOwners.has(owner);
    if (!remote && entries.length > 0 && !this.selfIds.has(owner))
      this.selfIds.set(owner, entries[0]!.clientId);
    for (const entry of entries) {
      const held = this.states.get(entry.clientId);
      // A client that moved from another node keeps its id and clock: it takes its own id over (but
      // providers also echo everyone else's states, and an echo must not steal an id).
      const movedHere =
        held?.owner &&
        held.owner !== owner &&
        this.remoteOwners.has(held.owner) &&
        (remote || this.selfIds.get(owner) === entry.clientId);
      if (held?.owner && held.owner !== owner && !movedHere) {
        verdict.foreign++;
        continue;
      }
      const newer =
        !held ||
        entry.clock > held.clock ||
        // …even when its old node already published its removal with a higher clock.
        (movedHere && (entry.clock === held.clock || held.state === REMOVED)) ||
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
      verdict.entries.push(entry);
    }
    if (verdict.accepted > 0) this.schedule();
    return verdict;
  }

  /** Awareness relayed by another node of the cluster; `owner` stands for that node. */
  receiveRemote(owner: object, update: Uint8Array): AwarenessVerdict {
    this.remoteOwners.add(owner);
    return this.receive(owner, update);
  }

  /** Every live state, as one awareness frame (for joiners and query-awareness), or null if none. */
  snapshotFrame(): Uint8Array | null {
    const entries: AwarenessEntry[] = [];
    for (const [clientId, held] of this.states) {
      if (held.state !== REMOVED) entries.push({ clientId, clock: held.clock, state: held.state });
    }
    return entries.length > 0 ? encodeAwareness(encodeAwarenessUpdate(entries)) : null;
  }

  /**
   * Every state the room holds, recent removals included, as one frame: what a socket that missed
   * relays (its send buffer was full, SPEC 3.5a) needs to be exact again. Null if there is nothing.
   */
  catchUpFrame(): Uint8Array | null {
    const entries: AwarenessEntry[] = [];
    for (const [clientId, held] of this.states)
      entries.push({ clientId, clock: held.clock, state: held.state });
    return entries.length > 0 ? encodeAwareness(encodeAwarenessUpdate(entries)) : null;
  }

  /** The socket is gone: its client ids are removed for everyone (SPEC 3.6). Returns the removals. */
  removeOwner(owner: object): AwarenessEntry[] {
    const ids = this.owned.get(owner);
    this.owned.delete(owner);
    if (!ids) return [];
    const removed: AwarenessEntry[] = [];
    for (const id of ids) {
      const entry = this.markRemoved(id);
      if (entry) removed.push(entry);
    }
    this.flushNow();
    return removed;
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

  private markRemoved(id: number): AwarenessEntry | null {
    const held = this.states.get(id);
    if (!held || held.state === REMOVED) return null;
    this.states.set(id, { clock: held.clock + 1, state: REMOVED, owner: null, updatedAt: Date.now() });
    this.dirty.add(id);
    return { clientId: id, clock: held.clock + 1, state: REMOVED };
  }

  private schedule(): void {
    if (!this.timer) {
      const ms = typeof this.intervalMs === 'number' ? this.intervalMs : this.intervalMs();
      this.timer = setTimeout(() => this.flushNow(), ms);
    }
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
