import * as Y from 'yjs';

/**
 * True when applying `update` to `doc` would change nothing: every struct is already known and
 * every deleted range is already deleted. A read-only client's sync answer (often its whole, empty
 * or already-synced state) is such an update and must not be reported as a refused edit.
 */
export function changesNothing(doc: Y.Doc, update: Uint8Array): boolean {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(Y.diffUpdate(update, Y.encodeStateVector(doc)));
  } catch {
    return false;
  }
  if (decoded.structs.length > 0) return false;
  const known = Y.createDeleteSetFromStructStore(doc.store);
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      for (let clock = range.clock; clock < range.clock + range.len; clock++) {
        if (!Y.isDeleted(known, new Y.ID(client, clock))) return false;
      }
    }
  }
  return true;
}
