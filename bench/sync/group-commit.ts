/**
 * The group-commit window alone: the sync engine's `GroupCommitter` + `PgUpdateStore` on the embedded
 * PGlite worker (on disk), fed writes at a steady rate with random arrival times (many independent
 * clients), without sockets or Yjs. Per window: statements/s, CPU-seconds of the PGlite
 * worker thread and of this (main) thread, and ack latency (push → durable) p50/p95/p99 — the part of
 * the saved-ack latency the window decides. Runs the settings interleaved, `--repeat` times.
 *
 *   npx tsx --conditions=source bench/sync/group-commit.ts [--rates 400,1000] [--delays 0,4,8,16] [--seconds 5]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PgUpdateStore } from '@ensemble/server';
import { migrate, openPglite } from '@ensemble/storage';
// Not part of the package's API: the bench drives the engine's committer directly.
import { GroupCommitter } from '../../packages/server/src/persistence/group-commit.js';

const { values: opts } = parseArgs({
  options: {
    rates: { type: 'string', default: '400,1000' },
    delays: { type: 'string', default: '0,2,4,8,16' },
    seconds: { type: 'string', default: '5' },
    repeat: { type: 'string', default: '2' },
    rooms: { type: 'string', default: '100' },
  },
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU-seconds per thread of this process. */
function threads(): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      cpu.set(Number(tid), (Number(stat[11]) + Number(stat[12])) / 100);
    } catch {
      // gone
    }
  }
  return cpu;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const dir = mkdtempSync(join(tmpdir(), 'ens-group-commit-'));
const db = await openPglite({ dataDir: dir });
await migrate(db);
const store = new PgUpdateStore(db);
let statements = 0;
const append = store.append.bind(store);
store.append = (entries) => {
  statements++;
  return append(entries);
};
const update = new Uint8Array(Array.from({ length: 40 }, (_, i) => i));
const rooms = Number(opts.rooms);

async function run(rate: number, delayMs: number) {
  const committer = new GroupCommitter(store, {
    delayMs,
    retryMs: 100,
    onError: (error) => console.error(error),
  });
  const seconds = Number(opts.seconds);
  const latencies: number[] = [];
  const s0 = statements;
  const t0 = threads();
  const started = performance.now();
  let sent = 0;
  // Poisson arrivals: each 1 ms tick sends the writes due by now (timers are coarse; this keeps the rate).
  while (performance.now() - started < seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    for (; sent < due; sent++) {
      const at = performance.now();
      committer.push({
        entry: { room: `room-${sent % rooms}`, author: 'bench', update },
        done: () => latencies.push(performance.now() - at),
      });
    }
    await sleep(Math.random() * 2);
  }
  await committer.flush();
  const elapsed = (performance.now() - started) / 1000;
  const t1 = threads();
  const deltas = [...t1].map(([tid, c]) => ({ tid, s: c - (t0.get(tid) ?? 0) })).sort((a, b) => b.s - a.s);
  const main = deltas.find((d) => d.tid === process.pid)?.s ?? 0;
  const worker = deltas.find((d) => d.tid !== process.pid)?.s ?? 0;
  latencies.sort((a, b) => a - b);
  return {
    rate,
    delayMs,
    statementsPerSecond: Math.round(((statements - s0) / elapsed) * 10) / 10,
    rowsPerStatement: Math.round((latencies.length / Math.max(1, statements - s0)) * 10) / 10,
    workerCpuPerSecond: Math.round((worker / elapsed) * 1000) / 1000,
    mainCpuPerSecond: Math.round((main / elapsed) * 1000) / 1000,
    ackMs: {
      p50: Math.round(percentile(latencies, 50) * 10) / 10,
      p95: Math.round(percentile(latencies, 95) * 10) / 10,
      p99: Math.round(percentile(latencies, 99) * 10) / 10,
    },
  };
}

const results = [];
for (let r = 0; r < Number(opts.repeat); r++) {
  for (const rate of opts.rates.split(',').map(Number)) {
    for (const delay of opts.delays.split(',').map(Number)) {
      {
        const result = await run(rate, delay);
        results.push(result);
        console.log(
          `${String(rate).padStart(5)}/s  delay ${String(delay).padStart(2)} ms  ` +
            `${String(result.statementsPerSecond).padStart(6)} stmt/s  ${String(result.rowsPerStatement).padStart(5)} rows/stmt  ` +
            `worker ${result.workerCpuPerSecond.toFixed(3)} s/s  main ${result.mainCpuPerSecond.toFixed(3)} s/s  ` +
            `ack p50 ${result.ackMs.p50} p95 ${result.ackMs.p95} p99 ${result.ackMs.p99} ms`,
        );
      }
    }
  }
}
await db.close();
rmSync(dir, { recursive: true, force: true });
console.log(`GROUP_COMMIT_JSON ${JSON.stringify(results)}`);
