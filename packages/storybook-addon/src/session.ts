import { type ClientOptions, createClient, type EnsembleClient, type Room } from '@ensemble/client';
import type { ResolvedConfig } from './config.js';

/** Who this viewer is in the room (from the token grant). */
export interface Me {
  id: string | undefined;
  name: string;
  color: string;
}

export interface Session {
  client: EnsembleClient;
  me: Me;
}

const FALLBACK_COLORS = ['#e5484d', '#f76b15', '#46a758', '#12a594', '#0090ff', '#6e56cf', '#d6409f'];

function colorFor(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return FALLBACK_COLORS[Math.abs(hash) % FALLBACK_COLORS.length]!;
}

/**
 * One client per (server, viewer name) for the whole preview: switching stories reuses the socket
 * settings and the token instead of asking for a new one each time.
 */
const sessions = new Map<string, Promise<Session>>();

export function sessionFor(config: ResolvedConfig, userName: string): Promise<Session> {
  const key = `${config.serverUrl}\n${userName}\n${config.cursorHz}`;
  let session = sessions.get(key);
  if (!session) {
    session = (async () => {
      // A colour from the name keeps each person's colour stable across reloads and stories.
      const grant = await config.token({
        serverUrl: config.serverUrl,
        user: { name: userName, color: colorFor(userName) },
      });
      const name = grant.user?.name ?? userName;
      const me: Me = { id: grant.user?.id, name, color: grant.user?.color ?? colorFor(name) };
      const client = createClient({
        url: config.syncUrl,
        token: grant.token,
        // `ClientOptions.rates` is typed with the default literals (30, 10, 20); any rate works.
        rates: { cursor: config.cursorHz } as unknown as ClientOptions['rates'],
      });
      return { client, me };
    })();
    // A failure (server down, token refused) must not stick: the next story render retries.
    session.catch(() => sessions.delete(key));
    sessions.set(key, session);
  }
  return session;
}

/** Rooms shared by several mounted stories (docs pages) are left when the last one lets go. */
const leases = new Map<Room, number>();

export function leaseRoom(client: EnsembleClient, name: string): { room: Room; release: () => void } {
  const room = client.room(name);
  leases.set(room, (leases.get(room) ?? 0) + 1);
  let released = false;
  return {
    room,
    release() {
      if (released) return;
      released = true;
      const count = (leases.get(room) ?? 1) - 1;
      if (count > 0) {
        leases.set(room, count);
        return;
      }
      leases.delete(room);
      room.leave();
    },
  };
}
