import type { RoomConnection } from './room.js';

export interface RoomEvent<T = unknown> {
  id: string;
  type: string;
  data: T;
  from: { userId: string; name: string };
  at: string;
}

function matches(type: string, filter: string): boolean {
  return filter === '*' || type === filter || (filter.endsWith('.*') && type.startsWith(filter.slice(0, -1)));
}

/** Typed event channels: `build.progress`, `deployment.*`, `cursor.moved`… */
export class EventsApi {
  constructor(private readonly room: RoomConnection) {}

  publish<T>(type: string, data?: T): Promise<RoomEvent<T>> {
    return this.room.request<RoomEvent<T>>('events', 'publish', { type, data });
  }

  /** The last events kept by the server (up to 100), for late joiners. */
  async recent(types?: string[]): Promise<RoomEvent[]> {
    const { events } = await this.room.request<{ events: RoomEvent[] }>(
      'events',
      'recent',
      types ? { types } : {},
    );
    return events;
  }

  /** Live events whose type matches `filter` (`*`, an exact type, or `prefix.*`). */
  on<T = unknown>(filter: string, listener: (event: RoomEvent<T>) => void): () => void {
    return this.room.events.on('service', (event) => {
      if (event.service !== 'events' || event.name !== 'event') return;
      const e = event.body as RoomEvent<T>;
      if (matches(e.type, filter)) listener(e);
    });
  }
}
