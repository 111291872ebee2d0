/**
 * `npm run bench`: Ensemble side by side with Hocuspocus (no extensions) and the y-websocket reference
 * server. Each server runs in its own process, started fresh per scenario; the same load-generator
 * process (bench/sync/loadgen.ts, raw-protocol clients) drives each in turn. Prints one table per
 * scenario with ratios Ensemble/anchor and the targets of issue 8, then one `BENCH_SUMMARY {…}` line.
 *
 *   npm run bench                     # everything (~15 min)
 *   npm run bench -- --quick          # short smoke run (small scales, 3 s per load)
 *   npm run bench -- --only 2,4       # some scenarios
 *
 * Scenario 8 (two nodes) needs DATABASE_URL and REDIS_URL; without them it is skipped and says so.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    duration: { type: 'string' },
  },
});
const QUICK = opts.quick;
const ONLY = opts.only ? new Set(opts.only.split(',').map(Number)) : null;
const DURATION = opts.duration ?? (QUICK ? '3' : '15');
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = ['--conditions=source', '--import', 'tsx'];

type ServerName = 'ensemble' | 'hocuspocus' | 'y-websocket';
const SERVERS: ServerName[] = ['ensemble', 'hocuspocus', 'y-websocket'];

interface Running {
  name: string;
  url: string;
  protocol: 'yws' | 'hocuspocus';
  children: ChildProcess[];
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(stat[11]) + Number(stat[12])) / 100;
}

/** Waits until the process has been idle (< 5 % CPU) for a second: start-up work must not count. */
async function quiet(pid: number): Promise<void> {
  let calm = 0;
  for (let i = 0; i < 120 && calm < 2; i++) {
    const before = cpuSeconds(pid);
    await sleep(500);
    calm = cpuSeconds(pid) - before < 0.025 ? calm + 1 : 0;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function waitHttp(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error(`server exited during start (${url})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // starting
    }
    await sleep(100);
  }
  throw new Error(`server did not start: ${url}`);
}

async function startEnsemble(env: Record<string, string> = {}): Promise<Running> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'ens-bench-'));
  const child = spawn(
    process.execPath,
    [...TSX, join(ROOT, 'packages/app/src/cli.ts'), 'serve', '--port', String(port), '--data-dir', dataDir],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        ENSEMBLE_LOG_LEVEL: 'warn',
        // One generator IP opens thousands of sockets; the builder of scenario 6 types very fast.
        ENSEMBLE_SYNC_CONNECTIONS_PER_IP: '100000',
        ENSEMBLE_SYNC_MESSAGES_PER_SECOND: '100000',
        ENSEMBLE_SYNC_BYTES_PER_SECOND: String(256 * 1024 * 1024),
        ENSEMBLE_PUBLISH_WORKERS: '0',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  await waitHttp(`http://127.0.0.1:${port}/readyz`, child);
  await quiet(child.pid!);
  return {
    name: 'ensemble',
    url: `ws://127.0.0.1:${port}/sync`,
    protocol: 'yws',
    children: [child],
    async stop() {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function startAnchor(name: 'hocuspocus' | 'y-websocket'): Promise<Running> {
  const port = await freePort();
  // Plain node, no `source` condition: the anchors run their published builds.
  const child = spawn(process.execPath, [join(ROOT, `bench/sync/servers/${name}.mjs`), String(port)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('READY')) resolve();
    });
    child.once('exit', () => reject(new Error(`${name} exited during start`)));
  });
  await quiet(child.pid!);
  return {
    name,
    url: `ws://127.0.0.1:${port}`,
    protocol: name === 'hocuspocus' ? 'hocuspocus' : 'yws',
    children: [child],
    stop: () => stopChild(child),
  };
}

const start = (name: ServerName, env?: Record<string, string>) =>
  name === 'ensemble' ? startEnsemble(env) : startAnchor(name);

/** Runs the load generator in its own process against `server` and returns its JSON result. */
async function loadgen(server: Running, extra: string[]): Promise<Record<string, unknown>> {
  const child = spawn(
    process.execPath,
    [
      ...TSX,
      join(ROOT, 'bench/sync/loadgen.ts'),
      '--url',
      server.url,
      '--protocol',
      server.protocol,
      '--label',
      server.name,
      '--server-pids',
      server.children.map((c) => c.pid).join(','),
      ...extra,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const line = out.split('\n').find((l) => l.startsWith('BENCH_JSON '));
  if (!line) return { error: `load generator failed (exit ${code})` };
  return JSON.parse(line.slice('BENCH_JSON '.length)) as Record<string, unknown>;
}

// ---------- reporting ----------

type Row = [label: string, pick: (r: Record<string, unknown>) => unknown, lowerIsBetter?: boolean];

function get(r: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | null | undefined)?.[k], r);
}

const fmt = (v: unknown): string => {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number')
    return Number.isFinite(v) ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1)) : '—';
  return String(v);
};

function table(title: string, results: Record<string, Record<string, unknown>>, rows: Row[]): void {
  const names = Object.keys(results);
  const ens = results.ensemble;
  const header = ['', ...names, ...(ens ? names.filter((n) => n !== 'ensemble').map((n) => `ens/${n}`) : [])];
  const lines = rows.map(([label, pick]) => {
    const values = names.map((n) => pick(results[n]!));
    const ratios = ens
      ? names
          .filter((n) => n !== 'ensemble')
          .map((n) => {
            const a = pick(ens);
            const b = pick(results[n]!);
            return typeof a === 'number' && typeof b === 'number' && b !== 0 ? `${(a / b).toFixed(2)}×` : '—';
          })
      : [];
    return [label, ...values.map(fmt), ...ratios];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\n### ${title}\n`);
  console.log(row(header));
  console.log(row(widths.map((w) => '-'.repeat(w))));
  for (const l of lines) console.log(row(l));
  for (const [name, r] of Object.entries(results)) if (r.error) console.log(`\n${name}: ${String(r.error)}`);
}

const EDIT_ROWS: Row[] = [
  ['connect p50 (ms)', (r) => get(r, 'connectMs.p50')],
  ['connect p99 (ms)', (r) => get(r, 'connectMs.p99')],
  ['edit latency p50 (ms)', (r) => get(r, 'latencyMs.p50')],
  ['edit latency p99 (ms)', (r) => get(r, 'latencyMs.p99')],
  ['edit latency max (ms)', (r) => get(r, 'latencyMs.max')],
  ['update frames received/s', (r) => get(r, 'deliveredUpdatesPerSecond')],
  ['edits delivered/s', (r) => get(r, 'deliveredEditsPerSecond')],
  ['expected deliveries/s', (r) => get(r, 'expectedDeliveriesPerSecond')],
  ['converged', (r) => get(r, 'converged')],
  ['converged after stop (ms)', (r) => get(r, 'convergeAfterStopMs')],
  ['server RSS (MB)', (r) => get(r, 'serverRssMB')],
  ['server CPU (%)', (r) => get(r, 'serverCpuPercent')],
  ['generator CPU (%)', (r) => get(r, 'generatorCpuPercent')],
];

interface Verdict {
  target: string;
  met: boolean | null;
  detail: string;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function verdicts(list: Verdict[]): void {
  if (list.length === 0) return;
  console.log('');
  for (const v of list)
    console.log(`- target ${v.met === null ? 'n/a ' : v.met ? 'MET ' : 'MISSED'}: ${v.target} — ${v.detail}`);
}

// ---------- scenarios ----------

const summary: Record<string, unknown> = {
  date: new Date().toISOString(),
  quick: QUICK,
  node: process.version,
  versions: {
    hocuspocus: (
      JSON.parse(readFileSync(join(ROOT, 'node_modules/@hocuspocus/server/package.json'), 'utf8')) as {
        version: string;
      }
    ).version,
    yWebsocketServer: (
      JSON.parse(readFileSync(join(ROOT, 'node_modules/@y/websocket-server/package.json'), 'utf8')) as {
        version: string;
      }
    ).version,
    yjs: (
      JSON.parse(readFileSync(join(ROOT, 'node_modules/yjs/package.json'), 'utf8')) as { version: string }
    ).version,
  },
  scenarios: {},
};
const record = (id: number, value: unknown) => {
  (summary.scenarios as Record<string, unknown>)[id] = value;
};

async function sideBySide(
  args: string[],
  env: Partial<Record<ServerName, Record<string, string>>> = {},
  extraPerServer: Partial<Record<ServerName, string[]>> = {},
): Promise<Record<string, Record<string, unknown>>> {
  const results: Record<string, Record<string, unknown>> = {};
  for (const name of SERVERS) {
    const server = await start(name, env[name]);
    try {
      results[name] = await loadgen(server, [...args, ...(extraPerServer[name] ?? [])]);
    } finally {
      await server.stop();
    }
  }
  return results;
}

const editArgs = (rooms: number, clients: number, edits: number, cursors = 0) => [
  '--mode',
  'edit',
  '--rooms',
  String(rooms),
  '--clients',
  String(clients),
  '--edits',
  String(edits),
  '--cursors',
  String(cursors),
  '--duration',
  DURATION,
];

const SCENARIOS: { id: number; title: string; run: () => Promise<void> }[] = [
  {
    id: 1,
    title: 'Scenario 1 — 1 room × 50 clients × 5 edits/s',
    async run() {
      const r = await sideBySide(editArgs(1, 50, 5));
      table(this.title, r, EDIT_ROWS);
      record(1, r);
    },
  },
  {
    id: 2,
    title: 'Scenario 2 — 1 room × 200 clients × 2 edits/s + 10 cursor moves/s',
    async run() {
      const r = await sideBySide(editArgs(1, QUICK ? 100 : 200, 2, 10));
      table(this.title, r, EDIT_ROWS);
      const e = r.ensemble!;
      const h = r.hocuspocus!;
      const p99 = num(get(e, 'latencyMs.p99'));
      const hp99 = num(get(h, 'latencyMs.p99'));
      const cpu = num(e.serverCpuPercent);
      const hcpu = num(h.serverCpuPercent);
      verdicts([
        { target: 'converges', met: e.converged === true, detail: `converged=${String(e.converged)}` },
        {
          target: 'p99 ≤ 50 ms and ≤ Hocuspocus',
          met: p99 !== null && hp99 !== null && p99 <= 50 && p99 <= hp99,
          detail: `${fmt(p99)} ms vs Hocuspocus ${fmt(hp99)} ms`,
        },
        {
          target: 'server CPU ≤ 0.6× Hocuspocus',
          met: cpu !== null && hcpu !== null && cpu <= 0.6 * hcpu,
          detail: `${fmt(cpu)} % vs ${fmt(hcpu)} % (${cpu !== null && hcpu ? (cpu / hcpu).toFixed(2) : '—'}×)`,
        },
      ]);
      record(2, r);
    },
  },
  {
    id: 4,
    title: 'Scenario 4 — 100 rooms × 10 clients × 1 edit/s',
    async run() {
      const r = await sideBySide(editArgs(QUICK ? 20 : 100, 10, 1));
      table(this.title, r, EDIT_ROWS);
      const e = r.ensemble!;
      const y = r['y-websocket']!;
      const p99 = num(get(e, 'latencyMs.p99'));
      const cpu = num(e.serverCpuPercent);
      const ycpu = num(y.serverCpuPercent);
      verdicts([
        { target: 'p99 ≤ 3 ms', met: p99 !== null && p99 <= 3, detail: `${fmt(p99)} ms` },
        {
          target: 'server CPU ≤ 0.6× y-websocket server',
          met: cpu !== null && ycpu !== null && cpu <= 0.6 * ycpu,
          detail: `${fmt(cpu)} % vs ${fmt(ycpu)} % (${cpu !== null && ycpu ? (cpu / ycpu).toFixed(2) : '—'}×)`,
        },
      ]);
      record(4, r);
    },
  },
  {
    id: 5,
    title: 'Scenario 5 — idle connections over rooms: server RSS per connection',
    async run() {
      const connections = QUICK ? 1000 : 10_000;
      const r = await sideBySide([
        '--mode',
        'idle',
        '--connections',
        String(connections),
        '--rooms',
        String(connections / 10),
      ]);
      table(`${this.title} (${connections} connections, ${connections / 10} rooms)`, r, [
        ['connect p50 (ms)', (x) => get(x, 'connectMs.p50')],
        ['connect p99 (ms)', (x) => get(x, 'connectMs.p99')],
        ['all connected after (ms)', (x) => get(x, 'connectAllMs')],
        ['server RSS, first 10 % open (MB)', (x) => get(x, 'serverRssMBAtFirst')],
        ['server RSS, all open (MB)', (x) => get(x, 'serverRssMBAfter')],
        ['RSS per added connection (KB)', (x) => get(x, 'rssKBPerConnection')],
      ]);
      const kb = num(r.ensemble!.rssKBPerConnection);
      verdicts([
        { target: '≤ 15 KB RSS per idle connection', met: kb !== null && kb <= 15, detail: `${fmt(kb)} KB` },
      ]);
      record(5, r);
    },
  },
  {
    id: 6,
    title: 'Scenario 6 — joining a large document',
    async run() {
      const updates = QUICK ? 2000 : 20_000;
      const joiners = QUICK ? 5 : 20;
      const bigMb = QUICK ? 2 : 10;
      const r = await sideBySide(
        [
          '--mode',
          'join',
          '--updates',
          String(updates),
          '--joiners',
          String(joiners),
          '--big-mb',
          String(bigMb),
        ],
        // Ensemble also measures a truly cold load: the room unloads 1 s after the last socket.
        { ensemble: { ENSEMBLE_SYNC_IDLE_UNLOAD_MS: '1000' } },
        { ensemble: ['--cold-wait', '4000'] },
      );
      table(`${this.title} (${updates} updates; ${joiners} joiners at once; a ${bigMb} MB document)`, r, [
        ['characters', (x) => get(x, 'scenario.characters')],
        ['document bytes', (x) => get(x, 'scenario.docBytes')],
        ['warm joiners p50 (ms)', (x) => get(x, 'warmJoinMs.p50')],
        ['warm joiners p99 (ms)', (x) => get(x, 'warmJoinMs.p99')],
        ['cold joiners p50 (ms)', (x) => get(x, 'coldJoinMs.p50')],
        ['cold joiners p99 (ms)', (x) => get(x, 'coldJoinMs.p99')],
        ['big doc: join (ms)', (x) => get(x, 'bigJoin.ms')],
        ['big doc: largest frame (bytes)', (x) => get(x, 'bigJoin.maxFrameBytes')],
      ]);
      const e = r.ensemble!;
      const warm = num(get(e, 'warmJoinMs.p99'));
      const cold = num(get(e, 'coldJoinMs.p99'));
      const big = num(get(e, 'bigJoin.ms'));
      const frame = num(get(e, 'bigJoin.maxFrameBytes'));
      verdicts([
        {
          target: `${joiners} joiners synced at p99 ≤ 300 ms`,
          met: warm !== null && cold !== null && warm <= 300 && cold <= 300,
          detail: `warm ${fmt(warm)} ms, cold (from storage) ${fmt(cold)} ms`,
        },
        {
          target: `${bigMb} MB document ≤ 1 s for one joiner`,
          met: big !== null && big <= 1000,
          detail: `${fmt(big)} ms`,
        },
        {
          target: 'no frame over the configured limit (1 MiB)',
          met: frame !== null && frame <= 1024 * 1024,
          detail: `largest frame ${fmt(frame)} bytes`,
        },
      ]);
      record(6, r);
    },
  },
  {
    id: 7,
    title: 'Scenario 7 — saved-ack latency under scenario 2 (Ensemble only)',
    async run() {
      const server = await startEnsemble();
      let r: Record<string, unknown>;
      try {
        r = await loadgen(server, [...editArgs(1, QUICK ? 100 : 200, 2, 10), '--saved']);
      } finally {
        await server.stop();
      }
      table(this.title, { ensemble: r }, [
        ['saved-ack p50 (ms)', (x) => get(x, 'savedAckMs.p50')],
        ['saved-ack p95 (ms)', (x) => get(x, 'savedAckMs.p95')],
        ['saved-ack p99 (ms)', (x) => get(x, 'savedAckMs.p99')],
        ['saved-ack samples', (x) => get(x, 'savedAckMs.samples')],
        ...EDIT_ROWS,
      ]);
      const p95 = num(get(r, 'savedAckMs.p95'));
      verdicts([
        { target: 'saved-ack p95 ≤ 50 ms', met: p95 !== null && p95 <= 50, detail: `${fmt(p95)} ms` },
      ]);
      record(7, r);
    },
  },
  {
    id: 8,
    title: 'Scenario 8 — two Ensemble nodes with Redis vs one node (scenario 4, Postgres)',
    async run() {
      const databaseUrl = process.env.DATABASE_URL;
      const redisUrl = process.env.REDIS_URL;
      if (!databaseUrl || !redisUrl) {
        console.log(`\n### ${this.title}\n\nskipped: set DATABASE_URL and REDIS_URL`);
        record(8, { skipped: 'DATABASE_URL and REDIS_URL not set' });
        return;
      }
      const { openPostgres } = await import('@ensemble/storage');
      const schema = `bench_${Date.now().toString(36)}`;
      const admin = await openPostgres({ connectionString: databaseUrl, schema });
      const url = new URL(databaseUrl);
      url.searchParams.set('options', `-c search_path=${schema}`);
      const env = { DATABASE_URL: url.toString() };
      const rooms = QUICK ? 20 : 100;
      const results: Record<string, Record<string, unknown>> = {};
      try {
        const single = await startEnsemble(env);
        try {
          results['one node'] = await loadgen(single, editArgs(rooms, 10, 1));
        } finally {
          await single.stop();
        }
        const a = await startEnsemble({ ...env, REDIS_URL: redisUrl });
        const b = await startEnsemble({ ...env, REDIS_URL: redisUrl });
        try {
          const pair: Running = {
            name: 'two nodes',
            url: `${a.url},${b.url}`,
            protocol: 'yws',
            children: [...a.children, ...b.children],
            stop: async () => undefined,
          };
          // Clients alternate between the nodes: most pairs in a room are on different nodes.
          results['two nodes'] = await loadgen(pair, [
            ...editArgs(rooms, 10, 1),
            '--urls',
            `${a.url},${b.url}`,
          ]);
        } finally {
          await Promise.all([a.stop(), b.stop()]);
        }
      } finally {
        await admin.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
        await admin.close();
      }
      table(this.title, results, [
        ...EDIT_ROWS,
        ['cross-node p50 (ms)', (x) => get(x, 'crossNodeLatencyMs.p50')],
        ['cross-node p99 (ms)', (x) => get(x, 'crossNodeLatencyMs.p99')],
        ['same-node p99 (ms)', (x) => get(x, 'sameNodeLatencyMs.p99')],
      ]);
      const single = num(get(results['one node']!, 'latencyMs.p99'));
      const cross = num(get(results['two nodes']!, 'crossNodeLatencyMs.p99'));
      verdicts([
        {
          target: 'cross-node p99 ≤ 2× single-node p99',
          met: single !== null && cross !== null && cross <= 2 * single,
          detail: `${fmt(cross)} ms vs ${fmt(single)} ms (CPU is for both nodes together)`,
        },
      ]);
      record(8, results);
    },
  },
  {
    id: 3,
    title: 'Scenario 3 — 1 room × 1,000 clients × 1 edit/s + 5 cursor moves/s',
    async run() {
      const r = await sideBySide(editArgs(1, QUICK ? 300 : 1000, 1, 5));
      table(this.title, r, EDIT_ROWS);
      const e = r.ensemble!;
      const p99 = num(get(e, 'latencyMs.p99'));
      verdicts([
        {
          target: 'all clients converge and p99 ≤ 100 ms',
          met: e.converged === true && p99 !== null && p99 <= 100,
          detail: `converged=${String(e.converged)}, p99 ${fmt(p99)} ms`,
        },
      ]);
      record(3, r);
    },
  },
];

console.log(
  `# Sync benchmark${QUICK ? ' (quick)' : ''} — ${new Date().toISOString()}, Node ${process.version}, ` +
    `${DURATION} s per load; raw-protocol generator, 10 observer clients per room measure per edit from update headers and integrate at the end, the others only count`,
);
for (const scenario of SCENARIOS) {
  if (ONLY && !ONLY.has(scenario.id)) continue;
  try {
    await scenario.run();
  } catch (error) {
    console.log(`\n### ${scenario.title}\n\nfailed: ${(error as Error).message}`);
    record(scenario.id, { error: (error as Error).message });
  }
}
console.log(`\nBENCH_SUMMARY ${JSON.stringify(summary)}`);
process.exit(0);
