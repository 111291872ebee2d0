import { useEffect, useState } from 'react';
import type { EnsembleClient, Room } from '../client.js';

/**
 * Joins `name` for as long as the component is mounted.
 * @example
 * const room = useRoom(client, 'project:7');
 */
export function useRoom(client: EnsembleClient, name: string): Room {
  const [room, setRoom] = useState(() => client.room(name));
  useEffect(() => {
    const joined = client.room(name);
    setRoom(joined);
    return () => joined.leave();
  }, [client, name]);
  return room;
}
