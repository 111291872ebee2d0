import { useMemo, useSyncExternalStore } from 'react';
import type { Room } from '../client.js';
import type { RoomEvent } from '../events.js';
import { eventsStore } from '../stores.js';

/**
 * The last live events matching `filter` (`*`, `build.progress`, `build.*`).
 * @example
 * const builds = useEvents(room, 'build.*');
 */
export function useEvents(room: Room, filter: string, limit = 50): RoomEvent[] {
  const store = useMemo(() => eventsStore(room, filter, limit), [room, filter, limit]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
