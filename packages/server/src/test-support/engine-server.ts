import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Role } from '@ensemble/protocol';
import { WebSocketServer } from 'ws';
import type { SyncLimits } from '../limits/limits.js';
import { MemoryUpdateStore } from '../persistence/memory-update-store.js';
import type { UpdateStore } from '../persistence/update-store.js';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from '../sync/sync-engine.js';

export interface EngineServer {
  url: string;
  engine: SyncEngine;
  store: UpdateStore;
  /** `ws://…/<room>?role=editor&user=…` */
  roomUrl(room: string, role?: Role, user?: string): string;
  close(): Promise<void>;
}

/**
 * The engine behind a bare `ws` server, without the app's auth: the role comes from `?role=`.
 * Lets engine tests run fast on the in-memory store.
 */
export async function startEngineServer(
  limits: Partial<SyncLimits> = {},
  store: UpdateStore = new MemoryUpdateStore(),
  /** More engine options (e.g. `cluster` for scale-out tests). */
  options: Partial<Omit<SyncEngineOptions, 'store' | 'limits'>> = {},
): Promise<EngineServer> {
  const engine = createSyncEngine({ ...options, store, limits });
  const http: Server = createServer();
  const wss = new WebSocketServer({
    server: http,
    maxPayload: Math.max(engine.limits.maxInitialSyncBytes, engine.limits.maxFrameBytes),
  });
  wss.on('connection', (ws, request) => {
    const url = new URL(request.url ?? '/', 'http://x');
    engine.handleConnection(ws, {
      room: decodeURIComponent(url.pathname.slice(1)),
      userId: url.searchParams.get('user') ?? 'tester',
      userName: url.searchParams.get('name') ?? url.searchParams.get('user') ?? 'Tester',
      role: (url.searchParams.get('role') as Role | null) ?? 'editor',
      ip: request.socket.remoteAddress ?? 'unknown',
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const url = `ws://127.0.0.1:${port}`;
  return {
    url,
    engine,
    store,
    roomUrl: (room, role = 'editor', user = 'tester') =>
      `${url}/${encodeURIComponent(room)}?role=${role}&user=${encodeURIComponent(user)}`,
    async close() {
      await engine.close();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
