import type { Database, Queryable } from '@ensemble/storage';
import { type Job, PgBoss } from 'pg-boss';
import type { PostQueue } from '../domain/post-queue.js';
import { bossDb, rootBossDb } from './boss-db.js';

export const PUBLISH_QUEUE = 'publish-post';

export interface PublishJobData {
  postId: string;
}

export interface PublishQueueOptions {
  db: Database;
  /**
   * A Postgres URL: pg-boss then keeps its own small pool (and LISTEN/NOTIFY). Without one, pg-boss
   * runs over `db` itself — the embedded PGlite, whose worker thread serializes every statement.
   */
  postgresUrl?: string | undefined;
  /** Schema of pg-boss's tables. Default `pgboss`. */
  schema?: string | undefined;
  /** Run pg-boss's maintenance (expiry of dead workers' jobs, retention). Workers do; API nodes need not. */
  supervise?: boolean | undefined;
  /** How often a dead worker's job is noticed and re-leased (heartbeat monitor). Default 5 s. */
  monitorIntervalSeconds?: number | undefined;
  onError?: ((error: Error) => void) | undefined;
}

/** Jobs of dead workers stop heart-beating; after this many seconds they are failed and retried. */
export const HEARTBEAT_SECONDS = 10;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * The publish job queue on pg-boss: one job per post (the post id is the job's singleton key, on an
 * `exclusive` queue, so a post can never have two pending or running jobs), due at the post's time.
 * A job is only a wake-up call: what to do is decided from the post row, under its lock.
 */
export class PublishQueue implements PostQueue {
  readonly boss: PgBoss;
  private starting: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: PublishQueueOptions) {
    const supervise = options.supervise ?? false;
    const common = {
      schema: options.schema ?? 'pgboss',
      supervise,
      schedule: false,
      monitorIntervalSeconds: options.monitorIntervalSeconds ?? 5,
      superviseIntervalSeconds: options.monitorIntervalSeconds ?? 5,
      persistWarnings: false,
    };
    this.boss = options.postgresUrl
      ? new PgBoss({ ...common, connectionString: options.postgresUrl, max: 4, useListenNotify: true })
      : new PgBoss({ ...common, db: rootBossDb(options.db) });
    this.boss.on('error', (error: Error) => options.onError?.(error));
    // Warnings are advisory (slow queries, no LISTEN on PGlite); polling keeps correctness.
    this.boss.on('warning', () => undefined);
  }

  /** Starts pg-boss once (installs or migrates its schema) and makes sure the queue exists. */
  prepare(): Promise<void> {
    this.starting ??= (async () => {
      await this.boss.start();
      await this.boss.createQueue(PUBLISH_QUEUE, {
        policy: 'exclusive',
        heartbeatSeconds: HEARTBEAT_SECONDS,
        // Handler crashes and database hiccups only; platform retries are decided per post.
        retryLimit: 100,
        retryDelay: 2,
        retryBackoff: true,
        retryDelayMax: 60,
        expireInSeconds: 15 * 60,
        retentionSeconds: 30 * 24 * 3600,
        notify: true,
      });
      // Load the queue into pg-boss's cache now: a cache miss inside one of our transactions would
      // query through the root connection, which on single-session PGlite waits for that transaction.
      await this.boss.findJobs(PUBLISH_QUEUE, { id: NIL_UUID });
    })();
    this.starting.catch(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  async schedule(tx: Queryable, postId: string, at: Date): Promise<void> {
    // upsert moves a queued job; if the job is already running it cannot be moved, and the worker
    // re-defers it itself when it finds the post not yet due.
    await this.boss.upsert(PUBLISH_QUEUE, { postId } satisfies PublishJobData, {
      singletonKey: postId,
      startAfter: at,
      db: bossDb(tx),
    });
  }

  /** Inside the worker's transaction: finish the running job and queue the post's next one. */
  async defer(tx: Queryable, job: Job<PublishJobData>, at: Date): Promise<void> {
    const db = bossDb(tx);
    await this.boss.complete(PUBLISH_QUEUE, { id: job.id, retryCount: job.retryCount }, null, { db });
    await this.boss.send(PUBLISH_QUEUE, job.data, { singletonKey: job.data.postId, startAfter: at, db });
  }

  /** Queues a job for a post unless one is pending or running (the sweeper's safety net). */
  async ensure(postId: string, at: Date): Promise<boolean> {
    const id = await this.boss.send(PUBLISH_QUEUE, { postId } satisfies PublishJobData, {
      singletonKey: postId,
      startAfter: at,
    });
    return id !== null;
  }

  async stop(timeoutMs = 10_000): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (!this.starting) return;
    await this.starting.catch(() => undefined);
    await this.boss.stop({ graceful: true, timeout: timeoutMs, close: true });
  }

  get db(): Database {
    return this.options.db;
  }
}
