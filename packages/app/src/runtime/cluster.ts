import { randomBytes } from 'node:crypto';
import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import {
  Cluster,
  clusterMetrics,
  RedisBus,
  RedisLockStore,
  RedisRateLimiter,
  rateLimitMetrics,
} from '@ensemble/server';
import type { Registry } from 'prom-client';
import type { Logger } from './logger.js';

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable url)';
  }
}

/**
 * Joins the cluster behind `REDIS_URL`: the pub/sub bus, cluster-wide locks and rate limits, and this
 * node's liveness keys. A Redis that does not answer at start is a configuration error, reported
 * clearly; once running, Redis outages are survived (rooms re-sync from Postgres when it is back).
 */
export async function startCluster(
  url: string,
  registry: Registry,
  log: Logger,
  prefix = 'ensemble:',
): Promise<Cluster> {
  const bus = new RedisBus({
    url,
    onError: (error, context) => log.warn({ err: (error as Error).message }, `cluster: ${context}`),
  });
  try {
    await bus.ready();
  } catch (error) {
    await bus.close();
    throw new EnsembleError(
      ErrorCode.Config,
      `cannot reach Redis at ${redact(url)}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const nodeId = `n-${randomBytes(6).toString('hex')}`;
  const locks = new RedisLockStore({
    redis: bus.commands,
    nodeId,
    prefix,
    onError: (error, context) => log.warn({ err: (error as Error).message }, `cluster: ${context}`),
  });
  await locks.start();
  // Fails open while Redis is away (docs/operations.md): a limit is not worth an outage.
  const rateLimiter = new RedisRateLimiter({
    redis: bus.commands,
    nodeId,
    prefix,
    metrics: rateLimitMetrics(registry),
    onError: (error, context) => log.warn({ err: (error as Error).message }, context),
  });
  await rateLimiter.start();
  const cluster = new Cluster({
    bus,
    nodeId,
    prefix,
    locks,
    rateLimiter,
    log,
    metrics: clusterMetrics(registry),
    // Before the bus closes: deleting the liveness keys frees this node's hard locks and its
    // connection slots at once.
    onClose: async () => {
      await Promise.all([locks.stop(), rateLimiter.stop()]);
    },
  });
  log.info({ node: cluster.nodeId, redis: redact(url) }, 'cluster: joined through Redis');
  return cluster;
}
