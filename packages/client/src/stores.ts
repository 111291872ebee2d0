import type * as Y from 'yjs';
import type { Room } from './client.js';
import type { RoomEvent } from './events.js';
import type { LockInfo } from './locks.js';
import type { Other } from './presence.js';
import type { RoomStatus } from './room.js';

/** An external store in the shape `useSyncExternalStore` wants; snapshots are stable between changes. */
export interface Store<T> {
  subscribe(listener: () => void): () => void;
  getSnapshot(): T;
}

export function statusStore(room: Room): Store<RoomStatus> {
  return { subscribe: (l) => room.subscribe(l), getSnapshot: () => room.status };
}

export function othersStore(room: Room): Store<Other[]> {
  return { subscribe: (l) => room.subscribe(l), getSnapshot: () => room.presence.others() };
}

export function lockStore(room: Room, resource: string): Store<LockInfo | undefined> {
  return { subscribe: (l) => room.subscribe(l), getSnapshot: () => room.locks.get(resource) };
}

/** The last `limit` live events matching `filter`. */
export function eventsStore(room: Room, filter: string, limit = 50): Store<RoomEvent[]> {
  let events: RoomEvent[] = [];
  return {
    subscribe: (listener) =>
      room.events.on(filter, (event) => {
        events = [...events, event].slice(-limit);
        listener();
      }),
    getSnapshot: () => events,
  };
}

/**
 * A Y type's JSON, re-read after every change of that type (deep) or of the room's document object
 * (it is replaced after a refused edit).
 */
/** Any Y type: all we need is deep observation. */
export interface DeepObservable {
  observeDeep(listener: () => void): void;
  unobserveDeep(listener: () => void): void;
}

export function yStore<T extends DeepObservable, S>(
  room: Room,
  get: (doc: Y.Doc) => T,
  read: (type: T) => S,
): Store<S> {
  let doc: Y.Doc | undefined;
  let snapshot: S;
  let stale = true;
  return {
    subscribe(listener) {
      let type = get(room.doc);
      const onChange = () => {
        stale = true;
        listener();
      };
      type.observeDeep(onChange);
      const offRoom = room.subscribe(() => {
        if (room.doc === doc) return;
        type.unobserveDeep(onChange);
        type = get(room.doc);
        type.observeDeep(onChange);
        onChange();
      });
      return () => {
        type.unobserveDeep(onChange);
        offRoom();
      };
    },
    getSnapshot() {
      if (stale || room.doc !== doc) {
        doc = room.doc;
        snapshot = read(get(doc));
        stale = false;
      }
      return snapshot;
    },
  };
}
