import type { PresenceUser } from '@ensemble/protocol';
import { useSyncExternalStore } from 'react';
import type { Room } from '../client.js';

/**
 * Everyone in the room by user, with the server's status (`editing | idle | running | away`) and
 * typing indicator. Set your own with `room.presence.setStatus()` / `room.presence.typing(where)`.
 * @example
 * const users = useUsers(room);
 * // users.map(u => <Avatar key={u.userId} name={u.userName} status={u.status} typing={u.typing?.where} />)
 */
export function useUsers(room: Room): PresenceUser[] {
  return useSyncExternalStore(
    (l) => room.subscribe(l),
    () => room.presence.users(),
    () => room.presence.users(),
  );
}
