import * as Y from 'yjs';
import type { CheckpointSpan, HistoryPoint, HistoryStore } from '../../persistence/history-store.js';

/**
 * Default checkpoint spacing, in updates. Time travel costs one checkpoint load plus at most this
 * many updates; each checkpoint is a full document state, so denser ones trade storage for little
 * speed (loading the checkpoint, not the tail, dominates for big documents — see bench/history).
 */
export const CHECKPOINT_EVERY = 1_000;

/** Chunk size when no checkpoints are written on the way: one transaction for everything. */
const ALL_AT_ONCE = 1_000_000;

export interface ReconstructOptions {
  /** A replay writes a checkpoint after each this many updates (default CHECKPOINT_EVERY). */
  checkpointEvery?: number;
  /**
   * The caller writes a checkpoint at the end itself: none on the way with fewer than
   * `checkpointEvery` updates after it (it would be a second one a few updates before).
   */
  checkpointAtEnd?: boolean;
  /**
   * Background work (automatic checkpoints): apply at most this many updates per event-loop turn, so
   * replaying a stretch of a busy room never stalls the live sync traffic of the process. Concurrent
   * edits from many clients can cost a third of a millisecond each to integrate.
   */
  yieldEvery?: number;
}

/** A past document and its place in the log: every logged update up to `seq`, and no later one. */
export interface LogPosition {
  doc: Y.Doc;
  seq: number;
  /** The newest time among the included updates (or the base checkpoint's time), if any. */
  coveredUntil: Date | null;
}

export interface Reconstructed extends LogPosition {
  /** How many logged updates were applied on top of the starting point (checkpoint or cached document). */
  replayed: number;
  /**
   * Whether `doc` really is the log position above. False only for a moment that left out an
   * earlier-logged update stamped later than the moment (its successors may then be pending).
   */
  exact: boolean;
  /** What was replayed since the last checkpoint (read or written), if anything and exact. */
  span: CheckpointSpan | null;
}

/**
 * The document exactly as it was at `point`: nearest checkpoint + the log after it. Checkpoints are
 * written while replaying long stretches, so later look-ups around the same time are fast.
 */
export async function reconstruct(
  store: HistoryStore,
  room: string,
  point: HistoryPoint,
  options: ReconstructOptions = {},
): Promise<Reconstructed> {
  const checkpoint = await store.checkpointAtOrBefore(room, point);
  const base = { seq: checkpoint?.seq ?? 0, coveredUntil: checkpoint?.at ?? null };
  const load = () => {
    const doc = new Y.Doc({ gc: false });
    if (checkpoint) Y.applyUpdate(doc, checkpoint.state);
    return doc;
  };
  const every = options.checkpointEvery ?? CHECKPOINT_EVERY;
  return (await replay(store, room, base, load, point, { ...options, checkpointEvery: every }))!;
}

/**
 * Moves `from` (mutated) forward to `point`, which must not be before it: applies the logged updates
 * after `from.seq` up to `point`. With `checkpointEvery`, writes a checkpoint after each that many
 * updates while the result stays exact. With `maxUpdates`, gives up (null, `from` untouched) when
 * there are more than that many to apply.
 */
export function replayOnto(
  store: HistoryStore,
  room: string,
  from: LogPosition,
  point: HistoryPoint,
  options: ReplayOptions = {},
): Promise<Reconstructed | null> {
  return replay(store, room, from, () => from.doc, point, options);
}

interface ReplayOptions extends ReconstructOptions {
  maxUpdates?: number;
}

/** replayOnto for a document that `load` makes (while the log is being read). */
async function replay(
  store: HistoryStore,
  room: string,
  base: { seq: number; coveredUntil: Date | null },
  load: () => Y.Doc,
  point: HistoryPoint,
  options: ReplayOptions,
): Promise<Reconstructed | null> {
  const { checkpointEvery, maxUpdates, checkpointAtEnd, yieldEvery } = options;
  let seq = base.seq;
  let coveredUntil = base.coveredUntil;
  const limit = maxUpdates === undefined ? undefined : maxUpdates + 1;
  const reads = Promise.all([
    // Applying a stretch of updates in one transaction runs the cleanup and observers once, not per
    // update (about 5× faster for a thousand small updates).
    store.replayChunks(room, seq, point, checkpointEvery ?? maxUpdates ?? ALL_AT_ONCE, limit),
    // For a moment, a later update may sit between earlier ones (seq order ≠ clock order across
    // writers); a checkpoint past it would claim to cover it, so none is written from there on.
    'at' in point ? store.firstSeqLaterThan(room, seq, point.at) : Promise.resolve(null),
  ]);
  // Decoding a checkpoint (the costly part for a big document) overlaps the reads.
  let doc: Y.Doc;
  try {
    doc = load();
  } catch (error) {
    reads.catch(() => undefined);
    throw error;
  }
  const [chunks, firstSkipped] = await reads;
  let replayed = 0;
  for (const chunk of chunks) replayed += chunk.updates.length;
  if (maxUpdates !== undefined && replayed > maxUpdates) return null;
  let spanFrom = seq;
  let firstAt: Date | null = null;
  let left = replayed;
  for (const chunk of chunks) {
    left -= chunk.updates.length;
    const slice = yieldEvery ?? chunk.updates.length;
    for (let i = 0; i < chunk.updates.length; i += slice) {
      doc.transact(() => {
        for (const update of chunk.updates.slice(i, i + slice)) Y.applyUpdate(doc, update);
      });
      if (yieldEvery) await new Promise((resolve) => setImmediate(resolve));
    }
    seq = chunk.lastSeq;
    if (!coveredUntil || chunk.lastAt > coveredUntil) coveredUntil = chunk.lastAt;
    if (!firstAt || chunk.firstAt < firstAt) firstAt = chunk.firstAt;
    const exact = firstSkipped === null || chunk.lastSeq < firstSkipped;
    const soonAgain = checkpointAtEnd && left < chunk.updates.length;
    if (chunk.updates.length === checkpointEvery && exact && !soonAgain) {
      // Exact by construction: the state holds every update up to `seq` and nothing later.
      await store.addCheckpoint(room, seq, Y.encodeStateAsUpdate(doc), {
        at: coveredUntil,
        span: { fromSeq: spanFrom, firstAt },
      });
      spanFrom = seq;
      firstAt = null;
    }
  }
  const exact = firstSkipped === null || seq < firstSkipped;
  return {
    doc,
    seq,
    coveredUntil,
    replayed,
    exact,
    span: exact && firstAt ? { fromSeq: spanFrom, firstAt } : null,
  };
}

/**
 * Writes an automatic checkpoint at `seq` (the room's newest update, after a flush) unless the
 * newest checkpoint is already there. Called as a room grows, so that time travel never replays
 * more than about `checkpointEvery` updates, even the first time.
 */
export async function writeCheckpoint(
  store: HistoryStore,
  room: string,
  seq: number,
  options: ReconstructOptions = {},
): Promise<boolean> {
  const {
    doc,
    seq: reached,
    coveredUntil,
    span,
  } = await reconstruct(store, room, { seq }, { ...options, checkpointAtEnd: true });
  try {
    // Nothing new since the newest checkpoint.
    if (!span) return false;
    await store.addCheckpoint(room, reached, Y.encodeStateAsUpdate(doc), { at: coveredUntil, span });
    return true;
  } finally {
    doc.destroy();
  }
}
