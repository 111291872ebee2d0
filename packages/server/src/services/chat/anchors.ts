import { type AnchorRange, type ChatAnchor, EnsembleError, ErrorCode } from '@ensemble/protocol';
import * as Y from 'yjs';

export type { AnchorRange } from '@ensemble/protocol';

const bad = (message: string) => new EnsembleError(ErrorCode.BadRequest, `invalid anchor: ${message}`);

/** The root Y.Text `field`, without creating a root the document does not have. */
function rootText(doc: Y.Doc, field: string): Y.Text | null {
  if (!doc.share.has(field)) return null;
  try {
    return doc.getText(field);
  } catch {
    // The root exists as another type (a Y.Map, a Y.Array…).
    return null;
  }
}

function decode(position: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(Uint8Array.from(Buffer.from(position, 'base64')));
  } catch {
    return null;
  }
}

function absolute(doc: Y.Doc, text: Y.Text, position: string): number | null {
  const relative = decode(position);
  if (!relative) return null;
  try {
    const abs = Y.createAbsolutePositionFromRelativePosition(relative, doc);
    return abs && abs.type === text ? abs.index : null;
  } catch {
    // Bytes that decode but name nothing sensible.
    return null;
  }
}

/** The anchor's range in `doc` now, or null when it cannot be placed (e.g. its field is gone). */
export function resolveAnchor(doc: Y.Doc, anchor: ChatAnchor): AnchorRange | null {
  if (anchor.kind !== 'text') return null;
  const text = rootText(doc, anchor.field);
  if (!text) return null;
  const start = absolute(doc, text, anchor.start);
  const end = absolute(doc, text, anchor.end);
  if (start === null || end === null) return null;
  // Concurrent deletes can collapse a range past itself; an empty range sits at its start.
  const to = Math.max(start, end);
  return { start, end: to, text: text.toString().slice(start, to) };
}

/**
 * Refuses a text anchor that does not point into the named root Y.Text of the room's document as the
 * server has it (an edit the client has not sent yet is not there either).
 */
export function checkAnchor(doc: Y.Doc, anchor: ChatAnchor): void {
  if (anchor.kind !== 'text') return;
  const text = rootText(doc, anchor.field);
  if (!text) throw bad(`the document has no text named ${anchor.field}`);
  const index = (key: 'start' | 'end'): number => {
    if (!decode(anchor[key])) throw bad(`${key} is not an encoded Yjs relative position`);
    const at = absolute(doc, text, anchor[key]);
    if (at === null) throw bad(`${key} does not point into the text ${anchor.field} of this room`);
    return at;
  };
  if (index('start') > index('end')) throw bad('start is after end');
}
