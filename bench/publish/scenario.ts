/**
 * One bench scenario: a database (PGlite or a fresh Postgres schema), a pg-boss queue, the fake
 * platform answering at once, and in-process publish workers with production defaults
 * (batchSize 5, 0.5 s polling, LISTEN/NOTIFY on Postgres).
 */
import { randomUUID } from 'node:crypto';
import {
  type Account,
  type Caller,
  connectAccount,
  createAdapters,
  createPost,
  createTokenCipher,
  PublishQueue,
  PublishWorker,
} from '../../packages/publish/src/index.js';
import { fakeConfig, startFakePlatform, TEST_KEY } from '../../packages/publish/src/test-support/index.js';
import { type Database, migrate, openPglite, openPostgres } from '../../packages/storage/src/index.js';

export type BackendName = 'postgres' | 'pglite';

export interface Bench {
  db: Database;
  caller: Caller;
  companyId: string;
  accounts: Account[];
  /** Schedules posts at the given times; returns their ids. */
  schedule(times: Date[]): Promise<string[]>;
  /** Starts `loops` polling loops (one process) and returns a stopper. */
  startWorkers(loops: number): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export async function openBench(backend: BackendName, postgresUrl: string | undefined): Promise<Bench> {
  const schema = `bench_pub_${Date.now().toString(36)}`;
  const db =
    backend === 'pglite'
      ? await openPglite()
      : await openPostgres({ connectionString: postgresUrl!, schema });
  await migrate(db);
  const pgUrl = backend === 'postgres' ? withSearchPath(postgresUrl!, schema) : undefined;
  const queueOptions = { db, postgresUrl: pgUrl, schema: backend === 'postgres' ? schema : 'pgboss' };
  const queue = new PublishQueue(queueOptions);
  await queue.prepare();
  const fake = await startFakePlatform();
  const cipher = createTokenCipher(TEST_KEY);
  const companyId = `bench-${randomUUID().slice(0, 6)}`;
  const caller: Caller = { userId: 'bench', tenants: [{ companyId, role: 'owner' }] };
  const accounts: Account[] = [];
  for (let i = 0; i < 10; i++) {
    accounts.push(
      await connectAccount(db, cipher, caller, companyId, {
        platform: 'facebook',
        externalId: `page-${i}`,
        name: `page ${i}`,
        accessToken: `token-${i}`,
      }),
    );
  }
  let n = 0;
  return {
    db,
    caller,
    companyId,
    accounts,
    async schedule(times) {
      const ids: string[] = [];
      for (let i = 0; i < times.length; i += 20) {
        const batch = times.slice(i, i + 20);
        const posts = await Promise.all(
          batch.map((at) =>
            createPost({ db, queue }, caller, companyId, {
              accountId: accounts[n % accounts.length]!.id,
              content: `bench post ${n++}`,
              media: [],
              scheduledAt: at,
              timeZone: 'UTC',
            }),
          ),
        );
        ids.push(...posts.map((p) => p.id));
      }
      return ids;
    },
    async startWorkers(loops) {
      // Its own pg-boss, as a worker process would have; it also supervises the queue.
      const workerQueue = new PublishQueue({ ...queueOptions, supervise: true });
      const worker = new PublishWorker({
        db,
        queue: workerQueue,
        adapters: createAdapters(fakeConfig(fake)),
        cipher,
        concurrency: loops,
        sweepIntervalMs: 0,
      });
      await worker.start();
      return async () => {
        await worker.stop();
        await workerQueue.stop(5_000);
      };
    },
    async close() {
      await queue.stop(5_000);
      await fake.close();
      if (backend === 'postgres') await db.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.close();
    },
  };
}

function withSearchPath(base: string, schema: string): string {
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/** Waits until none of `ids` is scheduled or publishing. */
export async function drained(db: Database, ids: string[]): Promise<void> {
  for (;;) {
    const { rows } = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM publish_posts WHERE id = ANY($1::uuid[]) AND status IN ('scheduled', 'publishing')`,
      [ids],
    );
    if (Number(rows[0]!.n) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface Timing {
  scheduledAt: Date;
  claimedAt: Date;
  publishedAt: Date;
  status: string;
}

export async function timings(db: Database, ids: string[]): Promise<Timing[]> {
  const { rows } = await db.query<{
    scheduled_at: Date;
    claimed_at: Date;
    published_at: Date;
    status: string;
  }>(
    `SELECT p.scheduled_at, p.published_at, p.status,
            (SELECT min(a.at) FROM publish_attempts a WHERE a.post_id = p.id AND a.event = 'started') AS claimed_at
     FROM publish_posts p WHERE p.id = ANY($1::uuid[])`,
    [ids],
  );
  return rows.map((r) => ({
    scheduledAt: r.scheduled_at,
    claimedAt: r.claimed_at,
    publishedAt: r.published_at,
    status: r.status,
  }));
}
