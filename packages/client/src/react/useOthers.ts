import { useMemo, useSyncExternalStore } from 'react';
import type { Room } from '../client.js';
import type { Other } from '../presence.js';
import { othersStore } from '../stores.js';

/**
 * Everyone else in the room with their presence.
 * @example
 * const others = useOthers(room); // others.map(o => <Cursor key={o.clientId} {...o.presence.cursor} />)
 */
export function useOthers(room: Room): Other[] {
  const store = useMemo(() => othersStore(room), [room]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
