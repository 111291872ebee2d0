/** SDK clients for tests against a real node: tokens, clients and joined rooms, closed together. */
import { createClient, type EnsembleClient, type Room, type SocketFactory } from '@ensemble/client';
import { mintToken, type Role } from '@ensemble/server';
import { WebSocket } from 'ws';
import { TEST_SECRET } from '../../src/test-support/node.js';

/** A token for `sub` with `role` in every room; the display name is `SUB`, so tests tell names from ids. */
export async function tokenFor(sub: string, role: Role = 'editor'): Promise<string> {
  return (await mintToken({ secret: TEST_SECRET, sub, name: sub.toUpperCase(), rooms: { '*': role } })).token;
}

export interface TestClients {
  /** A new SDK client for `sub` with `role` in every room. */
  client(sub: string, role?: Role): Promise<EnsembleClient>;
  /** A new client for `sub` joined to `room`, once the room has synced. */
  join(sub: string, room: string, role?: Role): Promise<Room>;
  /** Closes every client made so far (call in `afterAll`, or before restarting the node). */
  closeAll(): void;
}

/** Makes clients of the node at `url()`, read per client, so the node can start later or restart. */
export function testClients(url: () => string): TestClients {
  const clients: EnsembleClient[] = [];
  const client = async (sub: string, role: Role = 'editor') => {
    const c = createClient({
      url: `${url().replace('http', 'ws')}/sync`,
      token: await tokenFor(sub, role),
      WebSocket: WebSocket as unknown as SocketFactory,
    });
    clients.push(c);
    return c;
  };
  return {
    client,
    async join(sub, room, role) {
      const r = (await client(sub, role)).room(room);
      await r.whenSynced();
      return r;
    },
    closeAll() {
      for (const c of clients.splice(0)) c.close();
    },
  };
}
