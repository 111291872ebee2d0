import { useEffect, useState } from 'react';
import type { EnsembleClient, Room, RoomJoinOptions } from '../client.js';

/**
 * Joins `name` for as long as the component is mounted (`options` apply when it is first joined).
 * @example
 * const room = useRoom(client, 'project:7', { offline: true });
 */
export function useRoom(client: EnsembleClient, name: string, options?: RoomJoinOptions): Room {
  const offline = options?.offline;
  const [room, setRoom] = useState(() => client.room(name, { offline }));
  useEffect(() => {
    const joined = client.room(name, { offline });
    setRoom(joined);
    return () => joined.leave();
  }, [client, name, offline]);
  return room;
}
