import { CloseCode, type Role } from '@ensemble/protocol';
import type { WebSocket } from 'ws';
import type * as Y from 'yjs';
import type { Cluster } from '../cluster/cluster.js';
import { DEFAULT_SYNC_LIMITS, type SyncLimits } from '../limits/limits.js';
import type { SyncMetrics } from '../metrics.js';
import { GroupCommitter } from '../persistence/group-commit.js';
import type { HistoryStore } from '../persistence/history-store.js';
import type { UpdateStore } from '../persistence/update-store.js';
import type { ApplyResult } from '../rooms/room.js';
import { RoomManager } from '../rooms/room-manager.js';
import { EventService } from '../services/events/event-service.js';
import { HistoryDocCache } from '../services/history/doc-cache.js';
import { HistoryService, type HistoryServiceOptions } from '../services/history/history-service.js';
import { LockService } from '../services/locks/lock-service.js';
import { SharedLockService } from '../services/locks/shared-lock-service.js';
import type { ServiceCaller, ServiceFactory } from '../services/service.js';
import { Connection } from './connection.js';

const historyService =
  (store: HistoryStore, options: HistoryServiceOptions): ServiceFactory =>
  (context) =>
    new HistoryService(context, store, options);

export const DEFAULT_SERVICES: ServiceFactory[] = [
  (context, doc) => new LockService(context, doc),
  (context) => new EventService(context),
];

/** The defaults of a cluster node: locks arbitrated in the shared store instead of in this process. */
function defaultServices(cluster: Cluster | undefined): ServiceFactory[] {
  const locks = cluster?.locks;
  if (!locks) return DEFAULT_SERVICES;
  return [(context, doc) => new SharedLockService(context, doc, locks), ...DEFAULT_SERVICES.slice(1)];
}

/** The subset of a pino logger the engine uses. */
export interface EngineLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface SyncEngineOptions {
  store: UpdateStore;
  /** Room services; default: locks (guarding `node:*` keys of Y.Map `graph`), events, and history when a history store is given. */
  services?: ServiceFactory[];
  /** Services added after the defaults (chat, presence, activity, assistant… wired by the app). */
  extraServices?: ServiceFactory[];
  /** Enables the history service (time travel, versions, replay). */
  history?: HistoryStore;
  limits?: Partial<SyncLimits>;
  metrics?: SyncMetrics;
  log?: EngineLogger;
  /** One node of several (Redis): rooms fan out through it and locks are held cluster-wide. */
  cluster?: Cluster;
}

export interface JoinInfo {
  room: string;
  userId: string;
  userName: string;
  role: Role;
  ip: string;
}

export interface RoomInfo {
  name: string;
  connections: number;
  awarenessStates: number;
}

export interface SyncEngine {
  readonly limits: SyncLimits;
  /** Takes over an authenticated, authorized socket (the app did auth at upgrade). */
  handleConnection(ws: WebSocket, join: JoinInfo): void;
  /** Whether another socket from this IP is allowed (checked at upgrade). */
  acceptsConnectionFrom(ip: string): boolean;
  rooms(): RoomInfo[];
  /** Open sync sockets on this node. */
  connectionCount(): number;
  /** Runs `read` on the room's loaded document (loading it if needed). */
  readRoom<T>(room: string, read: (doc: Y.Doc) => T): Promise<T>;
  /** Applies an update from a non-socket source (REST, bots); resolves once it is durable. */
  applyUpdate(room: string, update: Uint8Array, caller: ServiceCaller): Promise<ApplyResult | 'vetoed'>;
  /** Calls a room service (locks, events…) on behalf of a REST caller. */
  call(
    room: string,
    service: string,
    method: string,
    params: unknown,
    caller: ServiceCaller,
  ): Promise<unknown>;
  /** Runs `change` in one transaction on the room's document; resolves (changed?) once durable. */
  mutate(room: string, author: string, change: (doc: Y.Doc) => void): Promise<boolean>;
  /** Everything queued is durable when this resolves. */
  flush(): Promise<void>;
  /** Shutdown: sockets closed with 1012, writes flushed, rooms snapshotted and unloaded. */
  close(): Promise<void>;
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const limits: SyncLimits = { ...DEFAULT_SYNC_LIMITS, ...options.limits };
  const metrics = options.metrics;
  const log = options.log;
  const onError = (error: unknown, context: string) => {
    log?.error({ err: error }, `sync engine: ${context}`);
  };
  const committer = new GroupCommitter(options.store, {
    delayMs: limits.commitDelayMs,
    retryMs: 500,
    onError: (error) => onError(error, 'update log write failed; retrying'),
    onCommit: (_entries, seconds) => metrics?.commitLatency.observe(seconds),
  });
  const rooms = new RoomManager(
    {
      store: options.store,
      committer,
      limits,
      onError,
      ...(options.cluster ? { cluster: options.cluster } : {}),
      services: [
        ...(options.services ?? [
          ...defaultServices(options.cluster),
          ...(options.history
            ? [
                historyService(options.history, {
                  checkpointEvery: limits.historyCheckpointEvery,
                  cache: new HistoryDocCache(limits.historyCachedDocs),
                }),
              ]
            : []),
        ]),
        ...(options.extraServices ?? []),
      ],
    },
    (loaded) => metrics?.roomsActive.set(loaded),
  );
  const connections = new Set<Connection>();
  const perIp = new Map<string, number>();
  let counter = 0;
  let closing = false;

  const heartbeat = setInterval(() => {
    for (const connection of connections) connection.ping();
  }, limits.pingIntervalMs);
  heartbeat.unref();

  const context = {
    limits,
    rooms,
    metrics,
    onError,
    nextConnectionId: () => `c${(++counter).toString(36)}`,
    forget: (connection: Connection) => {
      if (!connections.delete(connection)) return;
      metrics?.connectionsActive.dec();
      const n = (perIp.get(connection.info.ip) ?? 1) - 1;
      if (n <= 0) perIp.delete(connection.info.ip);
      else perIp.set(connection.info.ip, n);
    },
  };

  return {
    limits,
    handleConnection(ws, join) {
      if (closing) {
        ws.close(CloseCode.ServerRestarting, 'server restarting');
        return;
      }
      const connection = new Connection(ws, join, context);
      connections.add(connection);
      metrics?.connectionsActive.inc();
      perIp.set(join.ip, (perIp.get(join.ip) ?? 0) + 1);
      const started = performance.now();
      rooms.acquire(join.room).then(
        (room) => {
          metrics?.roomLoadSeconds.observe((performance.now() - started) / 1000);
          connection.attach(room);
        },
        (error: unknown) => {
          onError(error, `loading room ${join.room}`);
          connection.close(CloseCode.RoomUnavailable, `room unavailable: ${(error as Error).message}`);
        },
      );
    },
    connectionCount() {
      return connections.size;
    },
    acceptsConnectionFrom(ip) {
      return (perIp.get(ip) ?? 0) < limits.connectionsPerIp;
    },
    rooms() {
      return rooms.list().map((room) => ({
        name: room.name,
        connections: room.members.size,
        awarenessStates: room.awareness.size,
      }));
    },
    async readRoom(name, read) {
      const room = await rooms.acquire(name);
      try {
        return read(room.doc);
      } finally {
        rooms.release(room);
      }
    },
    async applyUpdate(name, update, caller) {
      const room = await rooms.acquire(name);
      try {
        try {
          if (room.vetoReason(update, caller)) return 'vetoed';
        } catch {
          return 'malformed';
        }
        return await new Promise<ApplyResult>((resolve) => {
          const result = room.applyUpdate(null, update, caller.userId, () => resolve(result));
          if (result === 'malformed') resolve(result);
        });
      } finally {
        rooms.release(room);
      }
    },
    async call(name, service, method, params, caller) {
      const room = await rooms.acquire(name);
      try {
        return await room.call(service, method, params, caller);
      } finally {
        rooms.release(room);
      }
    },
    async mutate(name, author, change) {
      const room = await rooms.acquire(name);
      try {
        return await new Promise<boolean>((resolve, reject) => {
          try {
            const changed = room.mutate(author, change, () => resolve(changed));
          } catch (error) {
            reject(error);
          }
        });
      } finally {
        rooms.release(room);
      }
    },
    flush() {
      return committer.flush();
    },
    async close() {
      closing = true;
      clearInterval(heartbeat);
      for (const connection of [...connections])
        connection.close(CloseCode.ServerRestarting, 'server restarting');
      await committer.flush();
      await rooms.closeAll();
      await committer.flush();
    },
  };
}
