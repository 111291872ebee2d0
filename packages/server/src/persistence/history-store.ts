import type { LogRecord } from './update-store.js';

export interface Checkpoint {
  id: number;
  seq: number;
  at: Date;
  name: string | null;
  author: string | null;
}

/** A point in a room's history: a moment, or an update-log position. */
export type HistoryPoint = { at: Date } | { seq: number };

/**
 * The stretch of the log a checkpoint was built from: every logged update after `fromSeq` up to the
 * checkpoint's seq, the earliest of them at `firstAt`. Lets a replay to an earlier moment skip it.
 */
export interface CheckpointSpan {
  fromSeq: number;
  firstAt: Date;
}

export interface NewCheckpoint {
  name?: string | null;
  author?: string | null;
  /**
   * Default: now. Must not be earlier than any covered update's time: time travel uses a checkpoint
   * for a moment only if `at` ≤ that moment.
   */
  at?: Date | null;
  /** Only for a stretch that holds every logged update in it (and none is added there later). */
  span?: CheckpointSpan | null;
}

/** A stretch of the log to replay: its updates in order, the last one's seq, the range of their times. */
export interface ReplayChunk {
  updates: Uint8Array[];
  lastSeq: number;
  firstAt: Date;
  lastAt: Date;
}

/** Reads and writes what time travel needs: checkpoints and the log between them. */
export interface HistoryStore {
  /** Stores the state covering every update up to `seq`. */
  addCheckpoint(room: string, seq: number, state: Uint8Array, options?: NewCheckpoint): Promise<Checkpoint>;
  checkpoints(room: string): Promise<Checkpoint[]>;
  /** The newest checkpoint at or before `point`, with its state. */
  checkpointAtOrBefore(
    room: string,
    point: HistoryPoint,
  ): Promise<(Checkpoint & { state: Uint8Array }) | null>;
  /** The first update after `afterSeq` that is later than `at` (null if none): replays stop short of it. */
  firstSeqLaterThan(room: string, afterSeq: number, at: Date): Promise<number | null>;
  /** Log records after `afterSeq` up to and including `point`, in order. */
  updatesUntil(room: string, afterSeq: number, point: HistoryPoint, limit?: number): Promise<LogRecord[]>;
  /**
   * The same updates (at most `limit`) for applying them, in chunks of `chunkSize` (the last one
   * smaller): cheaper to read than records when authors and per-update times are not needed.
   */
  replayChunks(
    room: string,
    afterSeq: number,
    point: HistoryPoint,
    chunkSize: number,
    limit?: number,
  ): Promise<ReplayChunk[]>;
}
