import type { LogRecord, StoredRoom, UpdateEntry, UpdateStore } from './update-store.js';

/** In-memory update store for unit tests and embedding without persistence. Not durable. */
export class MemoryUpdateStore implements UpdateStore {
  private seq = 0;
  private readonly logs = new Map<string, LogRecord[]>();
  private readonly snapshots = new Map<string, { state: Uint8Array; upToSeq: number }>();

  async load(room: string): Promise<StoredRoom> {
    const snap = this.snapshots.get(room);
    const from = snap?.upToSeq ?? 0;
    const updates = (this.logs.get(room) ?? []).filter((r) => r.seq > from);
    return {
      snapshot: snap?.state ?? null,
      updates: updates.map((r) => r.update),
      lastSeq: updates.at(-1)?.seq ?? from,
    };
  }

  async append(entries: readonly UpdateEntry[]): Promise<number[]> {
    return entries.map((e) => {
      const seq = ++this.seq;
      const log = this.logs.get(e.room) ?? [];
      log.push({ seq, author: e.author, at: new Date(), update: e.update });
      this.logs.set(e.room, log);
      return seq;
    });
  }

  async saveSnapshot(
    room: string,
    state: Uint8Array,
    upToSeq: number,
    retainHistoryMs?: number,
  ): Promise<void> {
    const current = this.snapshots.get(room);
    if (current && current.upToSeq > upToSeq) return;
    this.snapshots.set(room, { state, upToSeq });
    if (retainHistoryMs !== undefined) {
      const cutoff = Date.now() - retainHistoryMs;
      this.logs.set(
        room,
        (this.logs.get(room) ?? []).filter((r) => r.seq > upToSeq || r.at.getTime() >= cutoff),
      );
    }
  }

  async history(room: string, options: { afterSeq?: number; limit?: number } = {}): Promise<LogRecord[]> {
    return (this.logs.get(room) ?? [])
      .filter((r) => r.seq > (options.afterSeq ?? 0))
      .slice(0, options.limit ?? 10_000);
  }
}
