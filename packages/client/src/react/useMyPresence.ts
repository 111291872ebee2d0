import { useCallback, useSyncExternalStore } from 'react';
import type { Room } from '../client.js';
import type { Presence } from '../presence.js';

/**
 * My presence and a setter (throttled to the cursor rate; the last value always arrives).
 * @example
 * const [me, setMe] = useMyPresence(room); // onPointerMove={e => setMe({ cursor: { x: e.clientX, y: e.clientY } })}
 */
export function useMyPresence(room: Room): [Presence, (patch: Presence) => void] {
  const me = useSyncExternalStore(
    (l) => room.subscribe(l),
    () => room.presence.me(),
    () => room.presence.me(),
  );
  const set = useCallback((patch: Presence) => room.presence.set(patch), [room]);
  return [me, set];
}
