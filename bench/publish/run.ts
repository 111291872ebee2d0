/**
 * Publish benchmark (not a test): claim-to-publish throughput and lateness of the publish worker on
 * Postgres (when DATABASE_URL is set) and on PGlite, against the local fake platform.
 *   npm run bench:publish            (--quick: smaller runs; --posts N: backlog size, default 2000)
 * Prints a table, one `BENCH_JSON {...}` line, and rewrites bench/publish/RESULTS.md.
 *
 * - throughput: a backlog of N due posts, then one worker process with 1 or 4 polling loops starts;
 *   jobs/s = N / (last publish − first claim).
 * - lateness: one loop (what `ensemble serve` runs) is already polling while posts fall due at a
 *   steady rate; lateness = published_at − scheduled_at (claims may start 250 ms early by design).
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { type BackendName, drained, openBench, timings } from './scenario.js';

const HERE = import.meta.dirname;
const quick = process.argv.includes('--quick');
const postsFlag = process.argv.indexOf('--posts');
const BACKLOG = postsFlag > 0 ? Number(process.argv[postsFlag + 1]) : quick ? 300 : 2000;
const RATE = 20; // posts falling due per second in the lateness run
const LATENESS_SECONDS = quick ? 5 : 15;
const postgresUrl = process.env.DATABASE_URL;

interface Row {
  backend: BackendName;
  run: string;
  posts: number;
  jobsPerSecond?: number;
  latenessP50Ms?: number;
  latenessP99Ms?: number;
  claimP50Ms?: number;
  claimP99Ms?: number;
  notPublished: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

async function throughput(backend: BackendName, loops: number): Promise<Row> {
  const bench = await openBench(backend, postgresUrl);
  try {
    const now = new Date();
    const ids = await bench.schedule(Array.from({ length: BACKLOG }, () => now));
    const stop = await bench.startWorkers(loops);
    await drained(bench.db, ids);
    await stop();
    const t = await timings(bench.db, ids);
    const first = Math.min(...t.map((x) => x.claimedAt.getTime()));
    const last = Math.max(...t.map((x) => x.publishedAt?.getTime() ?? 0));
    return {
      backend,
      run: `backlog, ${loops} loop${loops > 1 ? 's' : ''}`,
      posts: ids.length,
      jobsPerSecond: Math.round((ids.length / ((last - first) / 1000)) * 10) / 10,
      notPublished: t.filter((x) => x.status !== 'published').length,
    };
  } finally {
    await bench.close();
  }
}

async function lateness(backend: BackendName): Promise<Row> {
  const bench = await openBench(backend, postgresUrl);
  try {
    const stop = await bench.startWorkers(1);
    const count = RATE * LATENESS_SECONDS;
    // Far enough ahead that scheduling finishes before the first post falls due.
    const t0 = Date.now() + 3_000 + count * 10;
    const ids = await bench.schedule(
      Array.from({ length: count }, (_, i) => new Date(t0 + (i * 1000) / RATE)),
    );
    await drained(bench.db, ids);
    await stop();
    const t = await timings(bench.db, ids);
    const late = t
      .filter((x) => x.publishedAt)
      .map((x) => x.publishedAt.getTime() - x.scheduledAt.getTime())
      .sort((a, b) => a - b);
    const claim = t.map((x) => x.claimedAt.getTime() - x.scheduledAt.getTime()).sort((a, b) => a - b);
    return {
      backend,
      run: `${RATE} posts/s due, 1 loop`,
      posts: ids.length,
      latenessP50Ms: percentile(late, 50),
      latenessP99Ms: percentile(late, 99),
      claimP50Ms: percentile(claim, 50),
      claimP99Ms: percentile(claim, 99),
      notPublished: t.filter((x) => x.status !== 'published').length,
    };
  } finally {
    await bench.close();
  }
}

const backends: BackendName[] = postgresUrl ? ['postgres', 'pglite'] : ['pglite'];
if (!postgresUrl) process.stderr.write('DATABASE_URL is not set: Postgres is skipped\n');
const rows: Row[] = [];
for (const backend of backends) {
  for (const loops of [1, 4]) {
    process.stderr.write(`${backend}: backlog of ${BACKLOG}, ${loops} loop(s)…\n`);
    rows.push(await throughput(backend, loops));
  }
  process.stderr.write(`${backend}: lateness at ${RATE} posts/s for ${LATENESS_SECONDS} s…\n`);
  rows.push(await lateness(backend));
}

const cell = (v: number | undefined) => (v === undefined ? '' : String(v));
const header =
  '| backend | run | posts | jobs/s | lateness p50 ms | lateness p99 ms | claim p50 ms | claim p99 ms | not published |';
const table = [
  header,
  '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.backend} | ${r.run} | ${r.posts} | ${cell(r.jobsPerSecond)} | ${cell(r.latenessP50Ms)} | ${cell(r.latenessP99Ms)} | ${cell(r.claimP50Ms)} | ${cell(r.claimP99Ms)} | ${r.notPublished} |`,
  ),
].join('\n');
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const date = new Date().toISOString();
process.stdout.write(`${table}\n`);
process.stdout.write(`BENCH_JSON ${JSON.stringify({ bench: 'publish', date, machine, quick, rows })}\n`);

writeFileSync(
  join(HERE, 'RESULTS.md'),
  `# Publish bench results

Run: \`npm run bench:publish\`${quick ? ' -- --quick' : ''} · ${date} · ${machine}

Worker with production defaults (batchSize 5, 0.5 s polling; LISTEN/NOTIFY on Postgres), in one
process with the benchmark, against the local fake platform answering at once (10 Facebook pages).

${table}

- **jobs/s**: a backlog of due posts; posts / (last publish − first claim).
- **lateness**: published_at − scheduled_at while one loop is already polling and ${RATE} posts/s fall
  due; **claim**: first claim − scheduled_at. Negative values are by design: a post counts as due
  250 ms before its time so that the poll interval does not make it late.
- PGlite runs every statement on one worker thread, so more loops do not add throughput there; on
  Postgres they do (pg-boss fetches and our claims/settles run on separate connections).
- Lateness is the 0.5 s poll interval (future-dated jobs are found by polling; LISTEN/NOTIFY only
  wakes workers for jobs due at once): p50 ≈ a quarter to a half interval, p99 ≈ one interval.
- The machine is shared (other sessions' tests may run at the same time): treat figures as ±30 %.
`,
);
