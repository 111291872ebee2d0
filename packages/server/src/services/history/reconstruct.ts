import * as Y from 'yjs';
import type { HistoryPoint, HistoryStore } from '../../persistence/history-store.js';
import type { LogRecord } from '../../persistence/update-store.js';

/** Replaying more than this many updates from a checkpoint writes a new checkpoint on the way. */
export const CHECKPOINT_EVERY = 1_000;

export interface Reconstructed {
  doc: Y.Doc;
  /** The newest update included. */
  seq: number;
}

/**
 * The document exactly as it was at `point`: nearest checkpoint + the log after it. Checkpoints are
 * written while replaying long stretches, so later look-ups around the same time are fast.
 */
export async function reconstruct(
  store: HistoryStore,
  room: string,
  point: HistoryPoint,
  onUpdate?: (record: LogRecord, doc: Y.Doc) => void,
): Promise<Reconstructed> {
  const checkpoint = await store.checkpointAtOrBefore(room, point);
  const doc = new Y.Doc({ gc: false });
  if (checkpoint) Y.applyUpdate(doc, checkpoint.state);
  let seq = checkpoint?.seq ?? 0;
  const records = await store.updatesUntil(room, seq, point);
  let sinceCheckpoint = 0;
  for (const record of records) {
    onUpdate?.(record, doc);
    Y.applyUpdate(doc, record.update);
    seq = record.seq;
    if (++sinceCheckpoint >= CHECKPOINT_EVERY) {
      sinceCheckpoint = 0;
      // Exact by construction: the state holds every update up to `seq` and nothing later.
      await store.addCheckpoint(room, seq, Y.encodeStateAsUpdate(doc));
    }
  }
  return { doc, seq };
}
