import { encodeSync, SyncStep } from '@ensemble/protocol';
import * as Y from 'yjs';
import { chunkUpdate } from '../sync/chunk-update.js';
import { varUintLength } from '../sync/update-sizes.js';

/** Largest sync payload whose frame (type, step, payload length, payload) fits in `maxFrameBytes`. */
export function syncPayloadBudget(maxFrameBytes: number): number {
  return maxFrameBytes - 2 - varUintLength(maxFrameBytes);
}

/**
 * The frames that answer a SyncStep1 with `update` (SPEC 3.7): one SyncStep2 when it fits in the frame
 * limit, byte for byte what y-websocket sends; otherwise chunks as sync Update messages with the last
 * one as SyncStep2, so that a client counts as synced only once it has everything.
 */
export function syncAnswerFrames(update: Uint8Array, maxFrameBytes: number): Uint8Array[] {
  if (2 + varUintLength(update.byteLength) + update.byteLength <= maxFrameBytes) {
    return [encodeSync(SyncStep.Step2, update)];
  }
  const chunks = chunkUpdate(update, syncPayloadBudget(maxFrameBytes));
  const last = chunks.length - 1;
  return chunks.map((chunk, i) => encodeSync(i === last ? SyncStep.Step2 : SyncStep.Update, chunk));
}

/** Wire form of the state vector of an empty document: what every fresh joiner sends. */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.byteLength === 1 && stateVector[0] === 0;
}

/**
 * Answers the SyncStep1s of one room. A chunked answer to an empty state vector is kept until the
 * document next changes, so a crowd joining a large document costs one encode and one split; at most
 * one such answer (about the document's size) is held per room.
 */
export class SyncAnswers {
  private full: Uint8Array[] | undefined;
  private watching = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly maxFrameBytes: number,
  ) {}

  answer(stateVector: Uint8Array): Uint8Array[] {
    const fresh = isEmptyStateVector(stateVector);
    if (fresh && this.full) return this.full;
    const frames = syncAnswerFrames(Y.encodeStateAsUpdate(this.doc, stateVector), this.maxFrameBytes);
    if (fresh && frames.length > 1) {
      if (!this.watching) {
        this.watching = true;
        // Any change (a new struct or only a deletion) makes the kept answer stale.
        this.doc.on('update', () => {
          this.full = undefined;
        });
      }
      this.full = frames;
    }
    return frames;
  }
}
