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

/** Reads and writes what time travel needs: checkpoints and the log between them. */
export interface HistoryStore {
  /**
   * Stores the state covering every update up to `seq`. `at` (default: now) must not be earlier than
   * any covered update's time: time travel uses a checkpoint for a moment only if `at` ≤ that moment.
   */
  addCheckpoint(
    room: string,
    seq: number,
    state: Uint8Array,
    name?: string | null,
    author?: string | null,
    at?: Date | null,
  ): Promise<Checkpoint>;
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
}
