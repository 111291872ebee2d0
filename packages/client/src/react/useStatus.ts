import { useMemo, useSyncExternalStore } from 'react';
import type { Room } from '../client.js';
import type { RoomStatus } from '../room.js';
import { statusStore } from '../stores.js';

/**
 * `connecting | connected | synced | saved | offline`.
 * @example
 * const status = useStatus(room); // show "Saved" when status === 'saved'
 */
export function useStatus(room: Room): RoomStatus {
  const store = useMemo(() => statusStore(room), [room]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
