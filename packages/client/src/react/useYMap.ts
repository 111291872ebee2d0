import { useMemo, useSyncExternalStore } from 'react';
import type { Room } from '../client.js';
import { yStore } from '../stores.js';

/**
 * A root Y.Map as JSON, re-rendered on every (deep) change.
 * @example
 * const graph = useYMap<{ x: number }>(room, 'graph');
 */
export function useYMap<V = unknown>(room: Room, name: string): Record<string, V> {
  const store = useMemo(
    () =>
      yStore(
        room,
        (doc) => doc.getMap<V>(name),
        (map) => map.toJSON() as Record<string, V>,
      ),
    [room, name],
  );
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
