/**
 * Issue 6 "Done when": 4 `ensemble worker` processes publish many posts to the fake platform while a
 * driver SIGKILLs random workers every few hundred ms (restarting them) and the platform drops
 * replies (the post is created, the answer never arrives). At the end every post is published
 * exactly once — or ends `unconfirmed`/`failed` with its reason, counted — and none is on the
 * platform twice or missing. Assertions are on outcomes only; time just bounds the run.
 *
 * Knobs (env): ENSEMBLE_CHAOS_POSTS (default 1000), ENSEMBLE_CHAOS_KILLS (default 16),
 * ENSEMBLE_CHAOS_SEED (default random, logged).
 */
import { connectAccount, createPost, createTokenCipher, PublishQueue } from '@ensemble/publish';
import { type FakePlatform, startFakePlatform, TEST_KEY } from '@ensemble/publish/test-support';
import { type Database, migrate, openPostgres } from '@ensemble/storage';
import { TEST_DATABASE_URL } from '@ensemble/storage/test-support';
import { afterAll, describe, expect, it } from 'vitest';
import { isolatedDatabaseUrl, TEST_SECRET } from '../../src/test-support/node.js';
import { type ChaosReport, checkOutcomes, type PostOutcome } from './chaos-check.js';
import { seededRandom, WorkerPool } from './worker-pool.js';

const POSTS = Number(process.env.ENSEMBLE_CHAOS_POSTS ?? 1000);
const SEED = Number(process.env.ENSEMBLE_CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const WORKERS = 4;
/** Posts fall due over this window, so the kills overlap publishing by construction, not by timing. */
const WINDOW_MS = 15_000;
/** Kills are 200–600 ms apart, but only hit a worker that is up; a restart takes ~1–3 s here. */
const KILLS = Number(process.env.ENSEMBLE_CHAOS_KILLS ?? 16);
const LOST_RATE = 0.05;
const PAGES = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!TEST_DATABASE_URL)('publish chaos: kill -9 workers, lost replies', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  });

  it(`publishes ${POSTS} posts exactly once (seed ${SEED})`, async () => {
    console.log(`publish chaos: seed ${SEED}, ${POSTS} posts (replay with ENSEMBLE_CHAOS_SEED=${SEED})`);
    const random = seededRandom(SEED);
    const fake: FakePlatform = await startFakePlatform();
    cleanup.push(() => fake.close());
    let lostReplies = 0;
    const lossRandom = seededRandom(SEED ^ 0x5eed);
    fake.setLostRate(LOST_RATE, () => {
      const r = lossRandom();
      if (r < LOST_RATE) lostReplies++;
      return r;
    });
    // A little latency on every publish widens the window in which a kill lands mid-request.
    fake.inject({ method: 'POST' }, { kind: 'slow', delayMs: 20 }, Number.POSITIVE_INFINITY);

    const isolated = await isolatedDatabaseUrl(TEST_DATABASE_URL!);
    cleanup.push(() => isolated.drop());
    const schema = new URL(isolated.url).searchParams.get('options')!.replace('-c search_path=', '');
    const db: Database = await openPostgres({ connectionString: TEST_DATABASE_URL!, schema });
    cleanup.push(() => db.close());
    await migrate(db);
    // Installs pg-boss in the isolated schema before the workers race to do it.
    const queue = new PublishQueue({ db, postgresUrl: isolated.url, schema });
    cleanup.push(() => queue.stop(2_000));
    await queue.prepare();

    const companyId = 'chaos';
    const caller = { userId: 'driver', tenants: [{ companyId, role: 'owner' as const }] };
    const cipher = createTokenCipher(TEST_KEY);
    const accounts: Awaited<ReturnType<typeof connectAccount>>[] = [];
    for (let i = 0; i < PAGES; i++) {
      const linkedin = i % 2 === 1;
      accounts.push(
        await connectAccount(db, cipher, caller, companyId, {
          platform: linkedin ? 'linkedin' : 'facebook',
          externalId: linkedin ? `urn:li:organization:${i}` : `page-${i}`,
          name: `account ${i}`,
          accessToken: `token-${i}`,
        }),
      );
    }

    const pool = new WorkerPool(WORKERS, {
      DATABASE_URL: isolated.url,
      ENSEMBLE_MODE: 'production',
      ENSEMBLE_JWT_SECRET: TEST_SECRET,
      ENSEMBLE_PUBLISH_KEY: TEST_KEY.toString('hex'),
      ENSEMBLE_PUBLISH_QUEUE_SCHEMA: schema,
      ENSEMBLE_PUBLISH_WORKERS: '2',
      ENSEMBLE_PUBLISH_GRAPH_URL: fake.url,
      ENSEMBLE_PUBLISH_LINKEDIN_URL: fake.url,
      ENSEMBLE_PUBLISH_REQUEST_TIMEOUT_MS: '2000',
      ENSEMBLE_PUBLISH_RETRY_BASE_MS: '200',
      ENSEMBLE_SHUTDOWN_TIMEOUT_MS: '1000',
      ENSEMBLE_LOG_LEVEL: 'info',
    });
    cleanup.push(() => pool.close());

    const start = Date.now() + 2_000;
    const deps = { db, queue };
    const schedule = async () => {
      for (let i = 0; i < POSTS; i += 20) {
        const batch = Array.from({ length: Math.min(20, POSTS - i) }, (_, k) => i + k);
        await Promise.all(
          batch.map((n) =>
            createPost(deps, caller, companyId, {
              accountId: accounts[n % PAGES]!.id,
              content: `chaos post ${n} (seed ${SEED})`,
              media: [],
              scheduledAt: new Date(start + Math.floor((n / POSTS) * WINDOW_MS)),
              timeZone: 'UTC',
            }),
          ),
        );
      }
      return Date.now();
    };
    // Kill while posts are being scheduled and falling due; a kill waits for a worker that is up.
    const kill = async () => {
      while (pool.kills < KILLS) {
        await sleep(200 + Math.floor(random() * 400));
        pool.killOne(random);
      }
      return Date.now();
    };
    const [created, killed] = await Promise.all([schedule(), kill()]);

    const pending = async () =>
      Number(
        (
          await db.query<{ n: string }>(
            `SELECT count(*) AS n FROM publish_posts WHERE status IN ('scheduled', 'publishing')`,
          )
        ).rows[0]!.n,
      );
    // Then let the survivors (and restarted workers) finish: dead workers' jobs are re-leased by
    // pg-boss's heartbeat monitor, their posts' leases expire, the next attempt looks first.
    const drainFrom = Math.max(created, killed);
    while ((await pending()) > 0) await sleep(250);

    const phases = {
      scheduleMs: created - start + 2_000,
      killMs: killed - start + 2_000,
      drainMs: Date.now() - drainFrom,
    };
    const { rows } = await db.query<PostOutcome & Record<string, unknown>>(
      `SELECT p.id, p.content, p.status, p.external_id, p.last_error_code, p.last_error,
              (SELECT array_agg(a.event ORDER BY a.at, a.id) FROM publish_attempts a WHERE a.post_id = p.id) AS events
       FROM publish_posts p WHERE p.company_id = $1`,
      [companyId],
    );
    const report: ChaosReport = checkOutcomes(rows, fake.posts);
    console.log(
      `publish chaos: ${JSON.stringify({ ...report.counts, kills: pool.kills, workerStarts: pool.starts, workersFrom: pool.from, lostReplies, ...phases })}`,
    );
    for (const line of report.explanations) console.log(`  ${line}`);

    expect(pool.unexpectedExits).toEqual([]);
    expect(rows).toHaveLength(POSTS);
    expect(report.duplicates).toEqual([]);
    expect(report.missing).toEqual([]);
    expect(report.mismatched).toEqual([]);
    expect(report.unexplained).toEqual([]);
    expect(report.counts.published + report.counts.unconfirmed + report.counts.failed).toBe(POSTS);
  }, 300_000); // a hang guard only: the run normally takes about a minute on two shared cores
});
