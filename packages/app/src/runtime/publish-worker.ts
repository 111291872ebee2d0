import { createAdapters, DEFAULT_BACKOFF, PublishWorker } from '@ensemble/publish';
import type { Database } from '@ensemble/storage';
import type { Config } from '../config/schema.js';
import { platformConfig, publishCipher, publishQueue } from '../http/routes/publish/publish-context.js';
import type { Logger } from './logger.js';

export interface RunningPublishWorker {
  readonly workerId: string;
  /** Stops fetching, lets attempts in flight finish (bounded by the shutdown timeout), stops pg-boss. */
  stop(): Promise<void>;
}

/**
 * Starts `config.publishWorkers` polling loops of the publish worker on `db`, with their own pg-boss
 * instance that also supervises the queue (re-leases jobs of dead workers, applies retention).
 */
export async function startPublishWorker(
  config: Config,
  db: Database,
  log: Logger,
  devSecret: string | undefined,
): Promise<RunningPublishWorker> {
  const queue = publishQueue(config, db, {
    supervise: true,
    onError: (error) => log.warn({ err: error }, 'publish queue error'),
  });
  const worker = new PublishWorker({
    db,
    queue,
    adapters: createAdapters(platformConfig(config)),
    cipher: publishCipher(config, devSecret),
    concurrency: Math.max(1, config.publishWorkers),
    backoff: { ...DEFAULT_BACKOFF, baseMs: config.publishRetryBaseMs },
    log,
  });
  try {
    await worker.start();
  } catch (error) {
    await queue.stop(1_000).catch(() => undefined);
    throw error;
  }
  return {
    workerId: worker.workerId,
    async stop() {
      await worker.stop();
      await queue.stop(config.shutdownTimeoutMs);
    },
  };
}
