import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';

/**
 * A copy of a room's document kept on this device, so edits made offline survive a reload and reach
 * the server on the next sync (the sync handshake sends whatever the server lacks).
 */
export interface LocalCopy {
  /** Resolves once what was stored has been loaded into the document (at once if nothing was). */
  readonly whenLoaded: Promise<void>;
  /** Stops writing to the device; what is stored stays for the next visit. */
  destroy(): Promise<void>;
  /** Stops writing and deletes what is stored (the server refused local changes). */
  clear(): Promise<void>;
}

export type LocalCopyFactory = (doc: Y.Doc) => LocalCopy;

/** Where this environment can keep a local copy (browsers, not Node or most workers without IDB). */
export function canKeepLocalCopy(): boolean {
  return typeof (globalThis as { indexedDB?: unknown }).indexedDB !== 'undefined';
}

/** One IndexedDB database per server and room, so two servers' `notes` rooms never mix. */
export function localCopyName(url: string, room: string): string {
  return `ensemble:${url.replace(/\/$/, '')}/${room}`;
}

/** A y-indexeddb copy of `doc` under `name`. */
export function indexedDbCopy(name: string): LocalCopyFactory {
  return (doc) => {
    const persistence = new IndexeddbPersistence(name, doc);
    // y-indexeddb never settles `whenSynced` when the database cannot be opened (private modes,
    // quota): treat that as "nothing stored" rather than waiting forever.
    const whenLoaded = Promise.race([
      persistence.whenSynced.then(() => undefined),
      persistence._db.then(
        () => new Promise<void>(() => undefined),
        () => undefined,
      ),
    ]);
    return {
      whenLoaded,
      destroy: () => persistence.destroy().catch(() => undefined),
      clear: () => persistence.clearData().catch(() => undefined),
    };
  };
}
