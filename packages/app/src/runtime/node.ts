import type { AddressInfo } from 'node:net';
import {
  type Cluster,
  createSyncEngine,
  createTokenVerifier,
  MemoryRateLimiter,
  PgHistoryStore,
  PgUpdateStore,
  rateLimitMetrics,
  type SyncEngine,
  syncMetrics,
} from '@ensemble/server';
import type { Database } from '@ensemble/storage';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { catalogFor } from '../catalog/service.js';
import type { Config } from '../config/schema.js';
import { buildApp } from '../http/build-app.js';
import type { AppContext } from '../http/context.js';
import { createMetricsRegistry } from '../http/metrics.js';
import { createSyncUpgrade, type SyncHandler } from '../http/sync-upgrade.js';
import { startCluster } from './cluster.js';
import { collabServices } from './collab-services.js';
import { lockDataDir } from './data-dir-lock.js';
import { DatabaseHealth } from './database-health.js';
import { devSecret } from './dev-secret.js';
import { createLogger, type Logger } from './logger.js';
import { migrateStorage, openStorage } from './open-storage.js';
import { type RunningPublishWorker, startPublishWorker } from './publish-worker.js';
import { VERSION } from './version.js';

export interface EnsembleNode {
  url: string;
  port: number;
  app: FastifyInstance;
  db: Database;
  log: Logger;
  sync: SyncEngine;
  /** Graceful stop: refuse new work, tell sync clients to reconnect, drain requests, close storage. */
  close(): Promise<void>;
}

export interface StartOptions {
  log?: Logger;
  /** Replaces the sync engine as the destination of authorized sync sockets (tests). */
  syncHandler?: SyncHandler;
  /** Extra Fastify plugins (routes of an embedding app), registered before the server listens. */
  plugins?: FastifyPluginAsync[];
  /** Run the publish worker in this process (`ensemble serve` does, with `config.publishWorkers` loops). */
  publishWorker?: boolean;
  /** Load (on first start: build) the catalog in the background after listening. Default true. */
  catalog?: boolean;
}

/** Starts one `ensemble` node: storage, migrations, HTTP + WebSocket on one port. */
export async function startNode(config: Config, options: StartOptions = {}): Promise<EnsembleNode> {
  const log = options.log ?? createLogger(config);
  const unlock = config.databaseUrl ? () => undefined : lockDataDir(config.dataDir);
  let db: Database | undefined;
  let publishWorker: RunningPublishWorker | undefined;
  let cluster: Cluster | undefined;
  try {
    if (config.mode === 'dev') {
      log.warn(
        'DEV MODE: anyone who can reach this server can get an admin token from POST /api/v1/dev/token. ' +
          'Set ENSEMBLE_MODE=production and a JWT key for real deployments.',
      );
    }
    const secret =
      config.jwtSecret ?? (config.mode === 'dev' && !config.jwksUrl ? devSecret(config.dataDir) : undefined);
    const verifier = createTokenVerifier({
      ...(secret ? { secret } : {}),
      ...(config.jwksUrl ? { jwksUrl: config.jwksUrl } : {}),
      ...(config.jwtIssuer ? { issuer: config.jwtIssuer } : {}),
      ...(config.jwtAudience ? { audience: config.jwtAudience } : {}),
    });

    db = await openStorage(config, log);
    await migrateStorage(db, log);
    const health = new DatabaseHealth(db, log);
    await health.check();
    health.start(config.readinessIntervalMs);

    let shuttingDown = false;
    const metrics = createMetricsRegistry();
    // Scale-out: with REDIS_URL this node is one of several identical peers (docs/operations.md).
    cluster = config.redisUrl
      ? await startCluster(config.redisUrl, metrics, log, config.redisPrefix)
      : undefined;
    const limiter = cluster?.rateLimiter ?? new MemoryRateLimiter({ metrics: rateLimitMetrics(metrics) });
    const engine = createSyncEngine({
      store: new PgUpdateStore(db, { serializeRooms: cluster !== undefined }),
      ...(cluster ? { cluster } : {}),
      history: new PgHistoryStore(db),
      extraServices: collabServices({ db, config, log, limiter }),
      metrics: syncMetrics(metrics),
      log,
      limits: {
        maxFrameBytes: config.syncMaxFrameBytes,
        messagesPerSecond: config.syncMessagesPerSecond,
        bytesPerSecond: config.syncBytesPerSecond,
        connectionsPerIp: config.syncConnectionsPerIp,
        maxRooms: config.syncMaxRooms,
        idleUnloadMs: config.syncIdleUnloadMs,
        relayFramesPerSecond: config.syncRelayFramesPerSecond,
        maxBatchDelayMs: config.syncMaxBatchDelayMs,
        historyRetentionMs:
          config.historyRetentionDays === undefined ? undefined : config.historyRetentionDays * 86_400_000,
        historyCheckpointEvery: config.historyCheckpointEvery,
        historyCachedDocs: config.historyCachedDocs,
      },
    });
    const ctx: AppContext = {
      config,
      db,
      health,
      log,
      metrics,
      verifier,
      sync: engine,
      limiter,
      devSecret: config.mode === 'dev' ? secret : undefined,
      version: VERSION,
      startedAt: new Date(),
      isShuttingDown: () => shuttingDown,
    };
    const app = await buildApp(ctx);
    for (const plugin of options.plugins ?? []) await app.register(plugin);
    const sync = createSyncUpgrade(ctx, syncMetrics(metrics), {
      handler:
        options.syncHandler ??
        ((ws, connection) =>
          engine.handleConnection(ws, {
            room: connection.room,
            userId: connection.principal.user.id,
            userName: connection.principal.user.name,
            role: connection.role,
            ip: connection.ip,
          })),
      // Counted by the limiter (cluster-wide with Redis), not by the engine's per-node count.
      admit: (ip) => limiter.acquire('sync-connections', ip, config.syncConnectionsPerIp),
      maxPayload: Math.max(engine.limits.maxInitialSyncBytes, engine.limits.maxFrameBytes),
    });
    app.server.on('upgrade', sync.onUpgrade);
    if (options.publishWorker && config.publishWorkers > 0) {
      publishWorker = await startPublishWorker(config, db, log, ctx.devSecret);
    }
    await app.listen({ port: config.port, host: config.host });
    const { port } = app.server.address() as AddressInfo;
    const shownHost = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
    const url = `http://${shownHost}:${port}`;
    log.info({ url, mode: config.mode, database: db.kind, version: VERSION }, `ensemble listening on ${url}`);
    // Catalog (issue 7): loaded after listening so it never delays readiness; progress goes to the log.
    if (options.catalog ?? true) void catalogFor(ctx).start();

    const openDb = db;
    const openCluster = cluster;
    let closing: Promise<void> | undefined;
    return {
      url,
      port,
      app,
      db: openDb,
      log,
      sync: engine,
      close() {
        closing ??= (async () => {
          shuttingDown = true;
          log.info('shutting down: draining requests and sync connections');
          // Sockets first (1012 → clients reconnect elsewhere), then every accepted update is flushed.
          sync.closeAll();
          await engine.close();
          await openCluster?.close();
          await app.close();
          await publishWorker?.stop();
          sync.wss.close();
          health.stop();
          await openDb.close();
          unlock();
          log.info('shutdown complete');
        })();
        return closing;
      },
    };
  } catch (error) {
    await publishWorker?.stop().catch(() => undefined);
    await cluster?.close().catch(() => undefined);
    await db?.close().catch(() => undefined);
    unlock();
    throw error;
  }
}
