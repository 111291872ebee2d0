/**
 * Database work of the sync engine under load: statements per second by kind and CPU-seconds of the
 * server's threads (main thread, and the busiest other threads — with the embedded database the first
 * of those is the PGlite worker). Starts one Ensemble server with `db-load-probe.ts` preloaded, drives
 * it with `loadgen.ts`, and samples a window in the middle of the load (connects and the final
 * convergence wait stay out of it). CPU is given in seconds over the window, not only percent: the
 * machine may be shared, so compare CPU-seconds per run and repeat.
 *
 *   npx tsx bench/sync/db-load.ts                                   # 100 rooms × 10 clients × 1 edit/s
 *   npx tsx bench/sync/db-load.ts --rooms 1 --clients 200 --edits 2 --saved   # saved-ack latency
 *   npx tsx bench/sync/db-load.ts --commit-delay-ms 8 --repeat 3
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/ensemble_bench npx tsx bench/sync/db-load.ts   # a scratch database (CREATE DATABASE first)
 *
 * Prints one human-readable block and one `DB_LOAD_JSON {…}` line per run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: {
    port: { type: 'string', default: '4491' },
    rooms: { type: 'string', default: '100' },
    clients: { type: 'string', default: '10' },
    edits: { type: 'string', default: '1' },
    duration: { type: 'string', default: '16' },
    warmup: { type: 'string', default: '4' },
    saved: { type: 'boolean', default: false },
    'commit-delay-ms': { type: 'string' },
    repeat: { type: 'string', default: '1' },
  },
});

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = ['--conditions=source', '--import', 'tsx'];
const HZ = 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU-seconds of every thread of `pid`, by thread id. */
function threadCpu(pid: number): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      cpu.set(Number(tid), (Number(stat[11]) + Number(stat[12])) / HZ);
    } catch {
      // the thread ended
    }
  }
  return cpu;
}

function processCpu(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(stat[11]) + Number(stat[12])) / HZ;
}

async function counts(child: ChildProcess, file: string): Promise<Record<string, number>> {
  rmSync(file, { force: true });
  child.kill('SIGUSR2');
  for (let i = 0; i < 100; i++) {
    await sleep(20);
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
    } catch {
      // not written yet
    }
  }
  throw new Error('the probe did not answer SIGUSR2');
}

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error('server exited during start');
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // starting
    }
    await sleep(100);
  }
  throw new Error('server did not start');
}

/** Start-up work (migrations, the catalog's first build) must not count: wait for a calm second. */
async function quiet(pid: number): Promise<void> {
  let calm = 0;
  for (let i = 0; i < 600 && calm < 2; i++) {
    const before = processCpu(pid);
    await sleep(500);
    calm = processCpu(pid) - before < 0.025 ? calm + 1 : 0;
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'ens-db-load-'));
  const countsFile = join(dir, 'counts.json');
  const server = spawn(
    process.execPath,
    [
      ...TSX,
      '--import',
      join(ROOT, 'bench/sync/db-load-probe.ts'),
      join(ROOT, 'packages/app/src/cli.ts'),
      'serve',
      '--port',
      opts.port,
      '--data-dir',
      join(dir, 'data'),
    ],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
        ENSEMBLE_LOG_LEVEL: 'warn',
        ENSEMBLE_SYNC_CONNECTIONS_PER_IP: '100000',
        ENSEMBLE_SYNC_MESSAGES_PER_SECOND: '100000',
        ENSEMBLE_PUBLISH_WORKERS: '0',
        DB_LOAD_COUNTS: countsFile,
        ...(opts['commit-delay-ms'] !== undefined
          ? { DB_LOAD_COMMIT_DELAY_MS: opts['commit-delay-ms'] }
          : {}),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  try {
    await waitReady(`http://127.0.0.1:${opts.port}/readyz`, server);
    await quiet(server.pid!);
    const duration = Number(opts.duration);
    const warmup = Number(opts.warmup);
    const window = duration - warmup - 1;
    if (window < 2) throw new Error('--duration must exceed --warmup by at least 3 s');
    const loadgen = spawn(
      process.execPath,
      [
        ...TSX,
        join(ROOT, 'bench/sync/loadgen.ts'),
        '--url',
        `ws://127.0.0.1:${opts.port}/sync`,
        '--rooms',
        opts.rooms,
        '--clients',
        opts.clients,
        '--edits',
        opts.edits,
        '--duration',
        String(duration),
        '--server-pids',
        String(server.pid),
        ...(opts.saved ? ['--saved'] : []),
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    loadgen.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const exited = new Promise<void>((resolve) => loadgen.once('exit', () => resolve()));

    // Connecting 1,000 sockets takes a moment; the window starts once edits are flowing.
    await sleep(warmup * 1000);
    const c0 = await counts(server, countsFile);
    const t0 = threadCpu(server.pid!);
    const p0 = processCpu(server.pid!);
    const started = performance.now();
    await sleep(window * 1000);
    const c1 = await counts(server, countsFile);
    const t1 = threadCpu(server.pid!);
    const p1 = processCpu(server.pid!);
    const seconds = (performance.now() - started) / 1000;
    await exited;

    const statementsPerSecond = Object.fromEntries(
      Object.keys(c1)
        .map((k) => [k, ((c1[k] ?? 0) - (c0[k] ?? 0)) / seconds] as const)
        .filter(([, v]) => v > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => [k, Math.round(v * 10) / 10]),
    );
    const threads = [...t1]
      .map(([tid, cpu]) => ({ tid, cpuSeconds: cpu - (t0.get(tid) ?? 0) }))
      .sort((a, b) => b.cpuSeconds - a.cpuSeconds);
    const main = threads.find((t) => t.tid === server.pid)?.cpuSeconds ?? 0;
    const others = threads.filter((t) => t.tid !== server.pid).slice(0, 3);
    const line = out.split('\n').find((l) => l.startsWith('BENCH_JSON '));
    const load = line ? (JSON.parse(line.slice('BENCH_JSON '.length)) as Record<string, unknown>) : null;
    const round = (v: number) => Math.round(v * 1000) / 1000;
    return {
      scenario: `${opts.rooms} rooms × ${opts.clients} clients × ${opts.edits} edits/s`,
      database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
      commitDelayMs: opts['commit-delay-ms'] ?? 'default',
      windowSeconds: round(seconds),
      statementsPerSecond,
      cpuSeconds: {
        process: round(p1 - p0),
        mainThread: round(main),
        busiestOtherThreads: others.map((t) => round(t.cpuSeconds)),
      },
      cpuPercentOfCore: {
        process: round(((p1 - p0) / seconds) * 100),
        mainThread: round((main / seconds) * 100),
        busiestOtherThread: round(((others[0]?.cpuSeconds ?? 0) / seconds) * 100),
      },
      loadgen: load
        ? {
            latencyMs: load.latencyMs,
            savedAckMs: load.savedAckMs,
            converged: load.converged,
            serverCpuPercent: load.serverCpuPercent,
            generatorCpuPercent: load.generatorCpuPercent,
          }
        : 'load generator failed',
    };
  } finally {
    await stop(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

for (let i = 0; i < Number(opts.repeat); i++) {
  const result = await run();
  console.log(JSON.stringify(result, null, 2));
  console.log(`DB_LOAD_JSON ${JSON.stringify(result)}`);
}
