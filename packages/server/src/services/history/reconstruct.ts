import * as Y from 'yjs';
import type { HistoryPoint, HistoryStore } from '../../persistence/history-store.js';
import type { LogRecord } from '../../persistence/update-store.js';

/**
 * Checkpoint spacing, in updates. Time travel costs one checkpoint load plus at most this many
 * updates; each checkpoint is a full document state, so denser ones trade storage for little speed
 * (loading the checkpoint, not the tail, dominates for big documents — see bench/history).
 */
export const CHECKPOINT_EVERY = 1_000;

export interface Reconstructed {
  doc: Y.Doc;
  /** The newest update included. */
  seq: number;
  /** The newest time among the included updates (or the base checkpoint's time), if any. */
  coveredUntil: Date | null;
  /** How many logged updates were applied on top of the checkpoint. */
  replayed: number;
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
  let coveredUntil = checkpoint?.at ?? null;
  const [records, firstSkipped] = await Promise.all([
    store.updatesUntil(room, seq, point),
    // For a moment, a later update may sit between earlier ones (seq order ≠ clock order across
    // writers); a checkpoint past it would claim to cover it, so none is written from there on.
    'at' in point ? store.firstSeqLaterThan(room, seq, point.at) : Promise.resolve(null),
  ]);
  // Applying a stretch of updates in one transaction runs the cleanup and observers once, not per
  // update (about 5× faster for a thousand small updates).
  for (let start = 0; start < records.length; start += CHECKPOINT_EVERY) {
    const chunk = records.slice(start, start + CHECKPOINT_EVERY);
    doc.transact(() => {
      for (const record of chunk) {
        onUpdate?.(record, doc);
        Y.applyUpdate(doc, record.update);
      }
    });
    const last = chunk.at(-1)!;
    seq = last.seq;
    for (const record of chunk) if (!coveredUntil || record.at > coveredUntil) coveredUntil = record.at;
    const exact = firstSkipped === null || last.seq < firstSkipped;
    if (chunk.length === CHECKPOINT_EVERY && exact) {
      // Exact by construction: the state holds every update up to `seq` and nothing later.
      await store.addCheckpoint(room, seq, Y.encodeStateAsUpdate(doc), null, null, coveredUntil);
    }
  }
  return { doc, seq, coveredUntil, replayed: records.length };
}

/**
 * Writes an automatic checkpoint at `seq` (the room's newest update, after a flush) unless the
 * newest checkpoint is already there. Called as a room grows, so that time travel never replays
 * more than about CHECKPOINT_EVERY updates, even the first time.
 */
export async function writeCheckpoint(store: HistoryStore, room: string, seq: number): Promise<boolean> {
  const { doc, seq: reached, coveredUntil, replayed } = await reconstruct(store, room, { seq });
  try {
    // Nothing new since the newest checkpoint (or a long replay just wrote one at the end).
    if (replayed === 0 || replayed % CHECKPOINT_EVERY === 0) return false;
    await store.addCheckpoint(room, reached, Y.encodeStateAsUpdate(doc), null, null, coveredUntil);
    return true;
  } finally {
    doc.destroy();
  }
}
