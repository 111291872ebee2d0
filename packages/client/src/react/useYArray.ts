import { useMemo, useSyncExternalStore } from 'react';
import type { Room } from '../client.js';
import { yStore } from '../stores.js';

/**
 * A root Y.Array as JSON.
 * @example
 * const logs = useYArray<string>(room, 'console');
 */
export function useYArray<V = unknown>(room: Room, name: string): V[] {
  const store = useMemo(
    () =>
      yStore(
        room,
        (doc) => doc.getArray<V>(name),
        (array) => array.toJSON() as V[],
      ),
    [room, name],
  );
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
