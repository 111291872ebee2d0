/**
 * Where room documents live (DESIGN.md §3 durability). The engine only needs these four calls; the
 * same contract suite runs against every implementation (Postgres/PGlite and in-memory).
 */
export interface UpdateEntry {
  room: string;
  update: Uint8Array;
  author: string;
}

export interface StoredRoom {
  /** Latest snapshot (a full-state Yjs update), if any. */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, in order. */
  updates: Uint8Array[];
  /** Sequence number of the newest update the room has (0 for a new room). */
  lastSeq: number;
}

export interface LogRecord {
  seq: number;
  author: string;
  at: Date;
  update: Uint8Array;
}

export interface UpdateStore {
  load(room: string): Promise<StoredRoom>;
  /** Appends all entries in one durable write; returns each entry's sequence number, in order. */
  append(entries: readonly UpdateEntry[]): Promise<number[]>;
  /** Records a snapshot covering every update up to `upToSeq` (history stays unless retention says otherwise). */
  saveSnapshot(room: string, state: Uint8Array, upToSeq: number, retainHistoryMs?: number): Promise<void>;
  /** The update log of a room, for history and replay. */
  history(room: string, options?: { afterSeq?: number; limit?: number }): Promise<LogRecord[]>;
}
