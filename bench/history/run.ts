/**
 * History time-travel benchmark (not a test): the document at any moment of a 100k-update room
 * (issue 4 §6 target: ≤ 200 ms), on PGlite and — when DATABASE_URL is set — on Postgres.
 *   npm run bench:history   (--quick: 20k updates; --updates N; --queries N; --checkpoint-every N;
 *                            --no-write: leave RESULTS.md alone)
 * Prints tables, one `BENCH_JSON {...}` line, and rewrites bench/history/RESULTS.md.
 *
 * The room is built through the real write path (PgUpdateStore.append in group-commit sized batches)
 * from real Yjs updates of several authors typing, deleting and editing a map; the log's timestamps
 * are then spread over days (one update every 3 s) so that time points are meaningful.
 * Each query is a real `history.at` request to a HistoryService (its flush is a no-op here): the
 * document at a point, encoded and as JSON, exactly as a client gets it. Every answer is checked
 * against the generator's own document at that point.
 *
 * While building, an automatic checkpoint is written every `checkpointEvery` updates, exactly as
 * HistoryService.onApplied does in a live room (writeCheckpoint, same code).
 * Scenarios (README.md explains them):
 * - random: N random moments (timestamps) in random order, with no cache of past documents — every
 *   query pays the full cost. `first` is the query before them (a moment late in the log).
 * - scrub, cold / cached: a timeline slider dragged by seq (mostly forward, sometimes back), without
 *   and with the node's cache of recently materialised documents (the default).
 * - phases: where a random query's time goes, step by step (a separate, instrumented pass).
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { PgHistoryStore } from '../../packages/server/src/persistence/pg-history-store.js';
import { PgUpdateStore } from '../../packages/server/src/persistence/pg-update-store.js';
import { docToJson } from '../../packages/server/src/rooms/doc-json.js';
import { HistoryDocCache } from '../../packages/server/src/services/history/doc-cache.js';
import { HistoryService } from '../../packages/server/src/services/history/history-service.js';
import { CHECKPOINT_EVERY, writeCheckpoint } from '../../packages/server/src/services/history/reconstruct.js';
import type { ServiceCaller, ServiceContext } from '../../packages/server/src/services/service.js';
import { type Database, migrate, openPglite, openPostgres } from '../../packages/storage/src/index.js';

const HERE = import.meta.dirname;
const quick = process.argv.includes('--quick');
const flag = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const UPDATES = flag('--updates', quick ? 20_000 : 100_000);
const QUERIES = flag('--queries', quick ? 50 : 200);
const CHECKPOINTS_EVERY = flag('--checkpoint-every', CHECKPOINT_EVERY);
/** Updates per append, like a busy room's group commit; a divisor of the checkpoint spacing. */
const BATCH = CHECKPOINTS_EVERY % 200 === 0 ? 200 : CHECKPOINTS_EVERY % 50 === 0 ? 50 : 1;
/** The server's default (limits.historyCachedDocs). */
const CACHED_DOCS = 8;
const TARGET_MS = 200;
const ROOM = 'bench:history';
const AUTHORS = ['ana', 'bo', 'cy', 'dee'];
const postgresUrl = process.env.DATABASE_URL;

type BackendName = 'pglite' | 'postgres';
type Scenario = 'random' | 'scrub, cold' | 'scrub, cached';

interface Row {
  backend: BackendName;
  scenario: Scenario;
  updates: number;
  queries: number;
  buildSeconds: number;
  /** The first query of the run (random only). */
  coldMs: number | null;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** CPU time of this process (PGlite's worker thread included; a Postgres server's not). */
  cpuP50Ms: number;
  cpuP95Ms: number;
  checkpoints: number;
  checkpointMiB: number;
  /** The update log of the room (the updates' bytes). */
  logMiB: number;
  stateKiB: number;
  mismatches: number;
}

/** Per-phase times of random queries, ms. */
interface PhaseRow {
  backend: BackendName;
  phases: { name: string; p50: number; p95: number }[];
}

/** Deterministic PRNG so every run builds the same room. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** JSON with sorted object keys: a Y.Map's key order depends on how its updates arrived. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );

interface Generated {
  updates: { author: string; update: Uint8Array }[];
  /** Expected document JSON after update i (1-based), for the probed indices. */
  expected: Map<number, string>;
}

/**
 * A timeline slider dragged over the log (like the studio's replay panel, which asks by seq): steps
 * of up to 60 updates, 80 % forward; a jump elsewhere now and then.
 */
function scrubPath(count: number, steps: number): number[] {
  const random = rng(11);
  let i = Math.floor(count / 3);
  const out: number[] = [];
  while (out.length < steps) {
    if (random() < 0.03) i = 1 + Math.floor(random() * count);
    const step = 1 + Math.floor(random() * 60);
    i = Math.max(1, Math.min(count, random() < 0.8 ? i + step : i - step));
    out.push(i);
  }
  return out;
}

/**
 * Real editing, generated quickly: one Y.Doc whose client id switches between the authors, so each
 * author's edits are their own Yjs client (exactly what their browser would send). Each author types
 * at their own cursor (runs of ~64 edits), sometimes jumps elsewhere, deletes, or edits the map.
 */
function generate(count: number, probes: Set<number>): Generated {
  const random = rng(42);
  const doc = new Y.Doc({ gc: false });
  const text = doc.getText('code');
  const graph = doc.getMap<unknown>('graph');
  const updates: Generated['updates'] = [];
  const expected = new Map<number, string>();
  const cursors = AUTHORS.map(() => 0);
  let author = 0;
  doc.on('update', (update: Uint8Array) => updates.push({ author: AUTHORS[author]!, update }));
  for (let i = 1; i <= count; i++) {
    if (random() < 1 / 64) author = Math.floor(random() * AUTHORS.length);
    doc.clientID = 1000 + author;
    if (random() < 0.01) cursors[author] = Math.floor(random() * (text.length + 1));
    const at = Math.min(cursors[author]!, text.length);
    const r = random();
    if (r < 0.8 || at === 0) {
      text.insert(at, random() < 0.15 ? ' ' : String.fromCharCode(97 + Math.floor(random() * 26)));
      cursors[author] = at + 1;
    } else if (r < 0.93) {
      text.delete(at - 1, 1);
      cursors[author] = at - 1;
    } else {
      graph.set(`node:${Math.floor(random() * 300)}`, {
        x: Math.floor(random() * 1000),
        by: AUTHORS[author],
      });
    }
    if (updates.length !== i) throw new Error('each edit must produce exactly one update');
    if (probes.has(i)) expected.set(i, canonical(docToJson(doc)));
  }
  return { updates, expected };
}

async function open(backend: BackendName): Promise<Database> {
  if (backend === 'pglite') {
    const db = await openPglite();
    await migrate(db);
    return db;
  }
  const schema = `bench_hist_${Date.now().toString(36)}`;
  const db = await openPostgres({ connectionString: postgresUrl!, schema });
  await migrate(db);
  const close = db.close.bind(db);
  // Leave the database as we found it.
  db.close = async () => {
    await db.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await close();
  };
  return db;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
const round = (n: number) => Math.round(n * 10) / 10;
/** The parts of a room a HistoryService needs, for a room nobody is editing. */
function benchContext(room: string, lastSeq: number): ServiceContext {
  return {
    room,
    broadcast: () => undefined,
    setTimer: (fn, ms) => {
      const timer = setTimeout(fn, ms);
      return () => clearTimeout(timer);
    },
    sendTo: () => true,
    flush: async () => undefined,
    lastSeq: () => lastSeq,
    mutate: () => Promise.reject(new Error('read-only bench')),
    members: () => [],
    peer: () => undefined,
  };
}

const CALLER: ServiceCaller = { connectionId: 'bench', userId: 'bench', userName: 'Bench', role: 'viewer' };

async function run(
  backend: BackendName,
  generated: Generated,
  probeOrder: number[],
  scrub: number[],
): Promise<{ rows: Row[]; phases: PhaseRow }> {
  const db = await open(backend);
  try {
    const log = new PgUpdateStore(db);
    const history = new PgHistoryStore(db);
    const built = performance.now();
    // One update every 3 s, ending now: about 3.5 days of editing for 100k updates. Each batch gets
    // its times right after the append, before the checkpoint that covers it is written.
    const t0 = Date.now() - generated.updates.length * 3_000;
    const timeOf = (i: number) => new Date(t0 + (i - 1) * 3_000);
    let firstSeq = 0;
    let sinceCheckpoint = 0;
    const seqOf: number[] = [0]; // seqOf[i]: seq of update i (1-based)
    for (let i = 0; i < generated.updates.length; i += BATCH) {
      const batch = generated.updates.slice(i, i + BATCH).map((u) => ({ room: ROOM, ...u }));
      const seqs = await log.append(batch);
      seqOf.push(...seqs);
      firstSeq ||= seqs[0]!;
      await db.query(
        `UPDATE sync_updates SET created_at = to_timestamp(($2::double precision + (seq - $3) * 3000) / 1000)
         WHERE room = $1 AND seq >= $4`,
        [ROOM, t0, firstSeq, seqs[0]],
      );
      // What HistoryService.onApplied does in a live room: a checkpoint every checkpointEvery updates.
      sinceCheckpoint += seqs.length;
      if (sinceCheckpoint >= CHECKPOINTS_EVERY) {
        sinceCheckpoint = 0;
        await writeCheckpoint(history, ROOM, seqs.at(-1)!, { checkpointEvery: CHECKPOINTS_EVERY });
      }
    }
    // The timestamp rewrite above left a dead copy of every row; a real log has none (and Postgres'
    // autovacuum would clean them up), so do not let them slow down the queries.
    await db.exec('VACUUM ANALYZE sync_updates');
    const buildSeconds = (performance.now() - built) / 1000;
    const { rows: sizes } = await db.query<{ n: number; bytes: number; log: number }>(
      `SELECT count(*)::int AS n, coalesce(sum(octet_length(state)), 0)::bigint AS bytes,
         (SELECT sum(octet_length(update)) FROM sync_updates WHERE room = $1)::bigint AS log
       FROM sync_checkpoints WHERE room = $1`,
      [ROOM],
    );

    let stateBytes = 0;
    /** One scenario: `history.at` requests to one HistoryService, in order. */
    const measure = async (
      scenario: Scenario,
      points: { i: number; by: 'time' | 'seq' }[],
      cachedDocs: number,
    ): Promise<Row & { first: number }> => {
      const cache = new HistoryDocCache(cachedDocs);
      const service = new HistoryService(benchContext(ROOM, seqOf.at(-1)!), history, {
        checkpointEvery: CHECKPOINTS_EVERY,
        cache,
      });
      let mismatches = 0;
      const wall: number[] = [];
      const cpu: number[] = [];
      for (const { i, by } of points) {
        const params = by === 'time' ? { time: timeOf(i).toISOString() } : { seq: seqOf[i]! };
        const used = process.cpuUsage();
        const start = performance.now();
        const answer = (await service.handle('at', { ...params, json: true }, CALLER)) as {
          seq: number;
          state: string;
          json: Record<string, unknown>;
        };
        wall.push(performance.now() - start);
        const spent = process.cpuUsage(used);
        cpu.push((spent.user + spent.system) / 1000);
        if (canonical(answer.json) !== generated.expected.get(i) || answer.seq !== seqOf[i]) mismatches++;
        stateBytes = Math.max(stateBytes, Math.floor((answer.state.length * 3) / 4));
      }
      service.destroy();
      cache.clear();
      const first = wall[0]!;
      const timed = scenario === 'random' ? wall.slice(1) : wall;
      const timedCpu = scenario === 'random' ? cpu.slice(1) : cpu;
      timed.sort((a, b) => a - b);
      timedCpu.sort((a, b) => a - b);
      return {
        backend,
        scenario,
        updates: generated.updates.length,
        queries: timed.length,
        buildSeconds: round(buildSeconds),
        coldMs: scenario === 'random' ? round(first) : null,
        first,
        p50Ms: round(percentile(timed, 50)),
        p95Ms: round(percentile(timed, 95)),
        maxMs: round(timed.at(-1) ?? Number.NaN),
        cpuP50Ms: round(percentile(timedCpu, 50)),
        cpuP95Ms: round(percentile(timedCpu, 95)),
        checkpoints: sizes[0]!.n,
        checkpointMiB: round(Number(sizes[0]!.bytes) / 2 ** 20),
        logMiB: round(Number(sizes[0]!.log) / 2 ** 20),
        stateKiB: 0,
        mismatches,
      };
    };

    const random = await measure(
      'random',
      probeOrder.map((i) => ({ i, by: 'time' })),
      0,
    );
    const scrubPoints = scrub.map((i) => ({ i, by: 'seq' as const }));
    const scrubCold = await measure('scrub, cold', scrubPoints, 0);
    const scrubCached = await measure('scrub, cached', scrubPoints, CACHED_DOCS);
    const phases = await measurePhases(history, probeOrder.slice(1), timeOf);
    const rows = [random, scrubCold, scrubCached].map(({ first: _first, ...row }) => ({
      ...row,
      stateKiB: Math.round(stateBytes / 1024),
    }));
    return { rows, phases: { backend, phases } };
  } finally {
    await db.close();
  }
}

/**
 * What a random `at` query spends its time on, step by step: the same steps as reconstruct + the
 * answer, timed one by one (a separate pass, so the timers do not distort the figures above).
 */
async function measurePhases(
  history: PgHistoryStore,
  probes: number[],
  timeOf: (i: number) => Date,
): Promise<{ name: string; p50: number; p95: number }[]> {
  const names = [
    'checkpoint query',
    'checkpoint decode',
    'tail query',
    'tail apply',
    'encode state',
    'base64 + JSON',
  ];
  const times = names.map(() => [] as number[]);
  for (const i of probes) {
    const at = timeOf(i);
    let t = performance.now();
    const lap = (k: number) => {
      const now = performance.now();
      times[k]!.push(now - t);
      t = now;
    };
    const checkpoint = await history.checkpointAtOrBefore(ROOM, { at });
    lap(0);
    const doc = new Y.Doc({ gc: false });
    if (checkpoint) Y.applyUpdate(doc, checkpoint.state);
    lap(1);
    const from = checkpoint?.seq ?? 0;
    const [chunks] = await Promise.all([
      history.replayChunks(ROOM, from, { at }, CHECKPOINTS_EVERY),
      history.firstSeqLaterThan(ROOM, from, at),
    ]);
    lap(2);
    for (const chunk of chunks) {
      doc.transact(() => {
        for (const update of chunk.updates) Y.applyUpdate(doc, update);
      });
    }
    lap(3);
    const state = Y.encodeStateAsUpdate(doc);
    lap(4);
    JSON.stringify({ state: Buffer.from(state).toString('base64'), json: docToJson(doc) });
    lap(5);
    doc.destroy();
  }
  return names.map((name, k) => {
    const sorted = times[k]!.sort((a, b) => a - b);
    return { name, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)) };
  });
}

function table(rows: Row[]): string {
  const head =
    '| backend | scenario | updates | queries | build s | first ms | p50 ms | p95 ms | max ms | cpu p50 ms | cpu p95 ms | checkpoints | checkpoints MiB | log MiB | state KiB | wrong |';
  const sep = '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|';
  const body = rows.map(
    (r) =>
      `| ${r.backend} | ${r.scenario} | ${r.updates} | ${r.queries} | ${r.buildSeconds} | ${r.coldMs ?? '–'} | ${r.p50Ms} | ${r.p95Ms} | ${r.maxMs} | ${r.cpuP50Ms} | ${r.cpuP95Ms} | ${r.checkpoints} | ${r.checkpointMiB} | ${r.logMiB} | ${r.stateKiB} | ${r.mismatches} |`,
  );
  return [head, sep, ...body].join('\n');
}

function phaseTable(rows: PhaseRow[]): string {
  const names = rows[0]?.phases.map((p) => p.name) ?? [];
  const head = `| phase (random queries) | ${rows.map((r) => `${r.backend} p50 ms | ${r.backend} p95 ms`).join(' | ')} |`;
  const sep = `|---|${rows.map(() => '---:|---:').join('|')}|`;
  const body = names.map(
    (name, k) => `| ${name} | ${rows.map((r) => `${r.phases[k]!.p50} | ${r.phases[k]!.p95}`).join(' | ')} |`,
  );
  return [head, sep, ...body].join('\n');
}

async function main() {
  const random = rng(7);
  // Random moments over the whole log; the first one late in the log.
  const probeOrder = [UPDATES - Math.floor(random() * (UPDATES / 20))];
  while (probeOrder.length < QUERIES + 1) probeOrder.push(1 + Math.floor(random() * UPDATES));
  const scrub = scrubPath(UPDATES, QUERIES);
  console.log(`generating ${UPDATES} Yjs updates…`);
  const generated = generate(UPDATES, new Set([...probeOrder, ...scrub]));
  const backends: BackendName[] = postgresUrl ? ['postgres', 'pglite'] : ['pglite'];
  const rows: Row[] = [];
  const phaseRows: PhaseRow[] = [];
  for (const backend of backends) {
    console.log(
      `${backend}: building the room, then ${QUERIES + 1} moments and 2 × ${QUERIES} slider steps…`,
    );
    const result = await run(backend, generated, probeOrder, scrub);
    rows.push(...result.rows);
    phaseRows.push(result.phases);
  }
  const text = table(rows);
  const phases = phaseTable(phaseRows);
  console.log(`\n${text}\n\n${phases}\n`);
  const ok = rows.every((r) => r.p95Ms <= TARGET_MS && (r.coldMs ?? 0) <= TARGET_MS && r.mismatches === 0);
  console.log(
    `BENCH_JSON ${JSON.stringify({ bench: 'history', targetMs: TARGET_MS, checkpointEvery: CHECKPOINTS_EVERY, ok, rows, phases: phaseRows })}`,
  );
  if (!quick && !process.argv.includes('--no-write')) {
    const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)}`;
    writeFileSync(
      join(HERE, 'RESULTS.md'),
      `# History bench results

Run: \`npm run bench:history\` · ${new Date().toISOString()} · ${machine}

The document at a point of a ${UPDATES.toLocaleString('en')}-update room (target ≤ ${TARGET_MS} ms): real
\`history.at\` requests to a \`HistoryService\` — the document at the point, its encoded state and
its JSON view, as a client receives them. How to read this and earlier figures: README.md.

${text}

${phases}

- **random**: ${QUERIES} random moments (timestamps) over the whole log, in random order, with the
  cache of past documents off — every query pays the full cost; **first**: the query before them, a
  moment late in the log.
- **scrub**: a timeline slider dragged by seq (${QUERIES} steps of up to 60 updates, 80 % forward,
  an occasional jump), without (cold) and with (cached, the default ${CACHED_DOCS} documents) the cache.
- **p50/p95/max**: wall time; **cpu**: this process's CPU time per query (PGlite's worker thread
  included, a Postgres server's not) — the better figure when the machine is loaded.
- **checkpoints**: automatic checkpoints in \`sync_checkpoints\` at the end and their total size
  (**log**: the room's logged updates, for comparison);
  **wrong**: answers that differ from the generator's own document at that point (must be 0).
- **phases**: the steps of a random query timed one by one in a separate pass (p50/p95 of each step,
  so they do not add up to the totals above).
- Updates: 4 authors typing at their cursors (80 %), deleting (13 %) and editing a \`graph\` map
  (7 %), appended in batches of ${BATCH} through \`PgUpdateStore.append\`, 3 s apart; an automatic
  checkpoint every ${CHECKPOINTS_EVERY} updates, as \`HistoryService\` writes them in a live room.
- The machine is shared (other sessions' tests may run at the same time): treat figures as ±30 %.
`,
    );
  }
  if (!ok) process.exitCode = 1;
}

await main();
