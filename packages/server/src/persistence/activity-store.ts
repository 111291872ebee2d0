import { type ActivityEntry, EnsembleError, ErrorCode } from '@ensemble/protocol';

export type { ActivityEntry } from '@ensemble/protocol';

export interface ActivityQuery {
  since?: Date;
  until?: Date;
  types?: string[];
  userId?: string;
  limit: number;
  /** Entries older than the entry with this id (the `next` cursor of the previous page). */
  before?: string;
}

/** Per user and type: how many entries and how many edits they cover, since a moment. */
export interface ActivityCount {
  userId: string;
  userName: string;
  type: string;
  entries: number;
  edits: number;
  lastAt: string;
}

export interface ActivityStore {
  /** Inserts entries, or updates the data/until/name of entries already stored (same id). */
  write(room: string, entries: ActivityEntry[]): Promise<void>;
  /**
   * For stores that hold writes back to share one statement across rooms (`ActivityWriter`): write
   * what is waiting now, because someone waits for it (a read, an unload). Stores that write at once
   * need not implement it.
   */
  flushPending?(): void;
  /** Newest first; throws NotFound for an unknown `before` cursor. */
  list(room: string, query: ActivityQuery): Promise<ActivityEntry[]>;
  /** Entries whose `until` is at or after `since`, grouped by user and type. */
  counts(room: string, since: Date): Promise<ActivityCount[]>;
}

/** One entry of one room, for writes that span rooms. */
export interface RoomActivity {
  room: string;
  entry: ActivityEntry;
}

/** A store that can write the entries of many rooms at once (what a node-wide writer needs). */
export interface ActivityBatchStore extends ActivityStore {
  /** Like `write`, for entries of any rooms; an id appears at most once. */
  writeMany(rows: readonly RoomActivity[]): Promise<void>;
}

export const unknownCursor = (before: string) =>
  new EnsembleError(ErrorCode.NotFound, `no activity entry ${before} in this room (cursor "before")`);

/** In-memory activity for tests and embedders without a database. */
export class MemoryActivityStore implements ActivityBatchStore {
  private readonly rooms = new Map<string, { entry: ActivityEntry; seq: number }[]>();
  private seq = 0;

  async writeMany(rows: readonly RoomActivity[]): Promise<void> {
    for (const { room, entry } of rows) await this.write(room, [entry]);
  }

  async write(room: string, entries: ActivityEntry[]): Promise<void> {
    const rows = this.rooms.get(room) ?? [];
    this.rooms.set(room, rows);
    for (const entry of entries) {
      const existing = rows.find((r) => r.entry.id === entry.id);
      if (existing) existing.entry = structuredClone(entry);
      else rows.push({ entry: structuredClone(entry), seq: ++this.seq });
    }
  }

  async list(room: string, query: ActivityQuery): Promise<ActivityEntry[]> {
    const rows = [...(this.rooms.get(room) ?? [])].sort(
      (a, b) => b.entry.at.localeCompare(a.entry.at) || b.seq - a.seq,
    );
    let start = 0;
    if (query.before !== undefined) {
      start = rows.findIndex((r) => r.entry.id === query.before) + 1;
      if (start === 0) throw unknownCursor(query.before);
    }
    return rows
      .slice(start)
      .map((r) => r.entry)
      .filter(
        (e) =>
          (!query.since || Date.parse(e.at) >= query.since.getTime()) &&
          (!query.until || Date.parse(e.at) <= query.until.getTime()) &&
          (!query.types?.length || query.types.includes(e.type)) &&
          (query.userId === undefined || e.userId === query.userId),
      )
      .slice(0, query.limit)
      .map((e) => structuredClone(e));
  }

  async counts(room: string, since: Date): Promise<ActivityCount[]> {
    const byKey = new Map<string, ActivityCount>();
    for (const { entry } of this.rooms.get(room) ?? []) {
      if (Date.parse(entry.until) < since.getTime()) continue;
      const key = `${entry.userId}\u0000${entry.type}`;
      const count = byKey.get(key) ?? {
        userId: entry.userId,
        userName: entry.userName,
        type: entry.type,
        entries: 0,
        edits: 0,
        lastAt: entry.until,
      };
      count.entries++;
      count.edits += typeof entry.data.edits === 'number' ? entry.data.edits : 0;
      if (entry.until > count.lastAt) count.lastAt = entry.until;
      byKey.set(key, count);
    }
    return [...byKey.values()];
  }
}
