import { hostname } from 'node:os';
import type { Database } from '@ensemble/storage';
import type { Job, JobResult } from 'pg-boss';
import type { TokenCipher } from '../crypto/token-cipher.js';
import type { Adapters } from '../platforms/adapters.js';
import { PlatformError } from '../platforms/platform-error.js';
import { PUBLISH_QUEUE, type PublishJobData, type PublishQueue } from '../queue/publish-queue.js';
import { type BackoffOptions, DEFAULT_BACKOFF } from '../retry/backoff.js';
import { claim } from './claim.js';
import type { Outcome } from './outcome.js';
import { runAttempt } from './run-attempt.js';
import { settle } from './settle.js';
import { sweep } from './sweep.js';

export interface PublishLogger {
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
  error(data: object, message: string): void;
}

export interface PublishWorkerOptions {
  db: Database;
  queue: PublishQueue;
  adapters: Adapters;
  cipher: TokenCipher;
  workerId?: string | undefined;
  /** Attempts per post (per manual retry). Default 3. */
  maxAttempts?: number | undefined;
  backoff?: BackoffOptions | undefined;
  /** How long an attempt's claim on a post lasts without renewal. Default 15 s (renewed every 5 s). */
  leaseMs?: number | undefined;
  /** Jobs fetched per poll. Default 5. */
  batchSize?: number | undefined;
  /** Polling loops in this process. Default 1. */
  concurrency?: number | undefined;
  /** Default 0.5 s: a due post is picked up within about that long. */
  pollingIntervalSeconds?: number | undefined;
  /** How often posts without a live job are re-queued (safety net). Default 30 s; 0 disables. */
  sweepIntervalMs?: number | undefined;
  log?: PublishLogger | undefined;
  /** Observe every settled attempt (tests, metrics). */
  onOutcome?: ((postId: string, outcome: Outcome) => void) | undefined;
}

const silent: PublishLogger = { info() {}, warn() {}, error() {} };

/**
 * Publishes due posts: pg-boss hands out jobs (polling, heartbeats, re-leasing jobs of dead
 * workers); each job is claimed against the post row, attempted, and settled. Any number of
 * workers, in any number of processes, can run against the same database.
 */
export class PublishWorker {
  readonly workerId: string;
  private readonly log: PublishLogger;
  private readonly maxAttempts: number;
  private readonly leaseMs: number;
  private sweepTimer: NodeJS.Timeout | undefined;
  private started = false;

  constructor(private readonly options: PublishWorkerOptions) {
    this.workerId =
      options.workerId ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
    this.log = options.log ?? silent;
    this.maxAttempts = options.maxAttempts ?? 3;
    this.leaseMs = options.leaseMs ?? 15_000;
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.options.queue.prepare();
    await this.options.queue.boss.work<PublishJobData>(
      PUBLISH_QUEUE,
      {
        batchSize: this.options.batchSize ?? 5,
        localConcurrency: this.options.concurrency ?? 1,
        pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 0.5,
        notifyPollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 0.5,
        burstWhenBatchFull: true,
        perJobResults: true,
      },
      (jobs: Job<PublishJobData>[]) => Promise.all(jobs.map((job) => this.process(job))),
    );
    const every = this.options.sweepIntervalMs ?? 30_000;
    if (every > 0) {
      this.sweepTimer = setInterval(() => {
        sweep(this.options.db, this.options.queue).catch((error: unknown) =>
          this.log.warn({ err: error }, 'publish sweep failed'),
        );
      }, every);
      this.sweepTimer.unref();
    }
    this.log.info({ workerId: this.workerId }, 'publish worker started');
  }

  /** Stops fetching; attempts in flight finish (up to pg-boss's stop timeout, run by the queue owner). */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await this.options.queue.boss.offWork(PUBLISH_QUEUE, { wait: true }).catch(() => undefined);
  }

  private async process(job: Job<PublishJobData>): Promise<JobResult> {
    const { db, queue } = this.options;
    try {
      const decision = await db.transaction((tx) =>
        claim(tx, job, {
          queue,
          workerId: this.workerId,
          maxAttempts: this.maxAttempts,
          leaseMs: this.leaseMs,
        }),
      );
      if (decision.kind !== 'run')
        return { id: job.id, status: 'completed', output: { [decision.kind]: decision.reason } };
      const lease = this.holdLease(job.data.postId, decision.attempt, job.signal);
      let outcome: Outcome;
      try {
        outcome = await runAttempt(decision, {
          adapters: this.options.adapters,
          cipher: this.options.cipher,
          maxAttempts: this.maxAttempts,
          backoff: this.options.backoff ?? DEFAULT_BACKOFF,
          signal: lease.signal,
          saveState: (patch) => this.saveState(job.data.postId, decision.attempt, patch),
        });
      } finally {
        lease.release();
      }
      const recorded = await db.transaction((tx) => settle(tx, queue, job, decision, outcome, this.workerId));
      if (!recorded)
        this.log.warn(
          { postId: job.data.postId, attempt: decision.attempt },
          'attempt lost its lease; outcome left to the next attempt',
        );
      this.options.onOutcome?.(job.data.postId, outcome);
      return { id: job.id, status: 'completed', output: { outcome: outcome.kind } };
    } catch (error) {
      // Database trouble or a bug: let pg-boss retry the job; the post's lease makes the retry safe.
      this.log.error({ err: error, postId: job.data.postId }, 'publish job failed');
      return { id: job.id, status: 'failed', output: { message: (error as Error).message } };
    }
  }

  /** Renews the attempt's lease while it runs; aborts the attempt if the lease was taken over. */
  private holdLease(
    postId: string,
    attempt: number,
    jobSignal: AbortSignal,
  ): { signal: AbortSignal; release(): void } {
    const lost = new AbortController();
    const timer = setInterval(
      () => {
        this.options.db
          .query(
            `UPDATE publish_posts SET lease_until = now() + $3 * interval '1 millisecond' WHERE id = $1 AND lease_attempt = $2`,
            [postId, attempt, this.leaseMs],
          )
          .then(({ rowCount }) => {
            if (rowCount === 0) lost.abort(new Error('lease taken over'));
          })
          .catch((error: unknown) => this.log.warn({ err: error, postId }, 'lease renewal failed'));
      },
      Math.max(100, Math.floor(this.leaseMs / 3)),
    );
    return { signal: AbortSignal.any([lost.signal, jobSignal]), release: () => clearInterval(timer) };
  }

  private async saveState(postId: string, attempt: number, patch: Record<string, string>): Promise<void> {
    const { rowCount } = await this.options.db.query(
      `UPDATE publish_posts SET platform_state = platform_state || $3::jsonb WHERE id = $1 AND lease_attempt = $2`,
      [postId, attempt, JSON.stringify(patch)],
    );
    if (rowCount === 0) {
      throw new PlatformError('this attempt lost its claim on the post; stopping before publishing', {
        kind: 'retryable',
        code: 'interrupted',
      });
    }
  }
}
