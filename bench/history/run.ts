/**
 * History time-travel benchmark (not a test): the document at any moment of a 100k-update room
 * (issue 4 §6 target: ≤ 200 ms), on PGlite and — when DATABASE_URL is set — on Postgres.
 *   npm run bench:history          (--quick: 20k updates; --updates N; --queries N)
 * Prints a table, one `BENCH_JSON {...}` line, and rewrites bench/history/RESULTS.md.
 *
 * The room is built through the real write path (PgUpdateStore.append in group-commit sized batches)
 * from real Yjs updates of several authors typing, deleting and editing a map; the log's timestamps
 * are then spread over weeks (one update every few seconds) so that time points are meaningful.
 * Each query is what the `history.at` request does after its flush: reconstruct at a timestamp, then
 * encode the state and the JSON view. Every answer is checked against the generator's own document
 * at that moment.
 *
 * While building, an automatic checkpoint is written every CHECKPOINT_EVERY updates, exactly as
 * HistoryService.onApplied does in a live room (writeCheckpoint, same code).
 * - first: the first query after building (a moment late in the log).
 * - random: N random moments after that, in random order; wall time and this process's CPU time.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { PgHistoryStore } from '../../packages/server/src/persistence/pg-history-store.js';
import { PgUpdateStore } from '../../packages/server/src/persistence/pg-update-store.js';
import { docToJson } from '../../packages/server/src/rooms/doc-json.js';
import {
  CHECKPOINT_EVERY,
  reconstruct,
  writeCheckpoint,
} from '../../packages/server/src/services/history/reconstruct.js';
import { type Database, migrate, openPglite, openPostgres } from '../../packages/storage/src/index.js';

const HERE = import.meta.dirname;
const quick = process.argv.includes('--quick');
const flag = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const UPDATES = flag('--updates', quick ? 20_000 : 100_000);
const QUERIES = flag('--queries', quick ? 50 : 200);
const TARGET_MS = 200;
const BATCH = 200; // updates per append, like a busy room's group commit
const ROOM = 'bench:history';
const AUTHORS = ['ana', 'bo', 'cy', 'dee'];
const postgresUrl = process.env.DATABASE_URL;

type BackendName = 'pglite' | 'postgres';

interface Row {
  backend: BackendName;
  updates: number;
  queries: number;
  buildSeconds: number;
  coldMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** CPU time of this process (PGlite's worker thread included; a Postgres server's not). */
  cpuP50Ms: number;
  cpuP95Ms: number;
  checkpoints: number;
  stateKiB: number;
  mismatches: number;
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
async function run(backend: BackendName, generated: Generated, probeOrder: number[]): Promise<Row> {
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
    for (let i = 0; i < generated.updates.length; i += BATCH) {
      const batch = generated.updates.slice(i, i + BATCH).map((u) => ({ room: ROOM, ...u }));
      const seqs = await log.append(batch);
      firstSeq ||= seqs[0]!;
      await db.query(
        `UPDATE sync_updates SET created_at = to_timestamp(($2::double precision + (seq - $3) * 3000) / 1000)
         WHERE room = $1 AND seq >= $4`,
        [ROOM, t0, firstSeq, seqs[0]],
      );
      // What HistoryService.onApplied does in a live room: a checkpoint every CHECKPOINT_EVERY updates.
      sinceCheckpoint += seqs.length;
      if (sinceCheckpoint >= CHECKPOINT_EVERY) {
        sinceCheckpoint = 0;
        await writeCheckpoint(history, ROOM, seqs.at(-1)!);
      }
    }
    await db.query('ANALYZE sync_updates');
    const buildSeconds = (performance.now() - built) / 1000;

    let mismatches = 0;
    let stateBytes = 0;
    const query = async (i: number) => {
      const cpu = process.cpuUsage();
      const start = performance.now();
      const { doc } = await reconstruct(history, ROOM, { at: timeOf(i) });
      const state = Y.encodeStateAsUpdate(doc);
      const json = canonical(docToJson(doc));
      const ms = performance.now() - start;
      const used = process.cpuUsage(cpu);
      doc.destroy();
      if (json !== generated.expected.get(i)) mismatches++;
      stateBytes = Math.max(stateBytes, state.byteLength);
      return { ms, cpuMs: (used.user + used.system) / 1000 };
    };

    const [coldProbe, ...rest] = probeOrder;
    const cold = await query(coldProbe!);
    const wall: number[] = [];
    const cpu: number[] = [];
    for (const i of rest) {
      const q = await query(i);
      wall.push(q.ms);
      cpu.push(q.cpuMs);
    }
    wall.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const checkpoints = (await history.checkpoints(ROOM)).length;
    return {
      backend,
      updates: generated.updates.length,
      queries: wall.length,
      buildSeconds: round(buildSeconds),
      coldMs: round(cold.ms),
      p50Ms: round(percentile(wall, 50)),
      p95Ms: round(percentile(wall, 95)),
      maxMs: round(wall.at(-1) ?? Number.NaN),
      cpuP50Ms: round(percentile(cpu, 50)),
      cpuP95Ms: round(percentile(cpu, 95)),
      checkpoints,
      stateKiB: Math.round(stateBytes / 1024),
      mismatches,
    };
  } finally {
    await db.close();
  }
}

function table(rows: Row[]): string {
  const head =
    '| backend | updates | queries | build s | first ms | p50 ms | p95 ms | max ms | cpu p50 ms | cpu p95 ms | checkpoints | state KiB | wrong |';
  const sep = '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|';
  const body = rows.map(
    (r) =>
      `| ${r.backend} | ${r.updates} | ${r.queries} | ${r.buildSeconds} | ${r.coldMs} | ${r.p50Ms} | ${r.p95Ms} | ${r.maxMs} | ${r.cpuP50Ms} | ${r.cpuP95Ms} | ${r.checkpoints} | ${r.stateKiB} | ${r.mismatches} |`,
  );
  return [head, sep, ...body].join('\n');
}

async function main() {
  const random = rng(7);
  // Random moments over the whole log; the first one late in the log.
  const probeOrder = [UPDATES - Math.floor(random() * (UPDATES / 20))];
  while (probeOrder.length < QUERIES + 1) probeOrder.push(1 + Math.floor(random() * UPDATES));
  console.log(`generating ${UPDATES} Yjs updates…`);
  const generated = generate(UPDATES, new Set(probeOrder));
  const backends: BackendName[] = postgresUrl ? ['postgres', 'pglite'] : ['pglite'];
  const rows: Row[] = [];
  for (const backend of backends) {
    console.log(`${backend}: building the room and querying ${QUERIES + 1} moments…`);
    rows.push(await run(backend, generated, probeOrder));
  }
  const text = table(rows);
  console.log(`\n${text}\n`);
  const ok = rows.every((r) => r.p95Ms <= TARGET_MS && r.coldMs <= TARGET_MS && r.mismatches === 0);
  console.log(`BENCH_JSON ${JSON.stringify({ bench: 'history', targetMs: TARGET_MS, ok, rows })}`);
  if (!quick && !process.argv.includes('--no-write')) {
    const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)}`;
    writeFileSync(
      join(HERE, 'RESULTS.md'),
      `# History bench results

Run: \`npm run bench:history\` · ${new Date().toISOString()} · ${machine}

State at a timestamp of a ${UPDATES.toLocaleString('en')}-update room (target ≤ ${TARGET_MS} ms): what
\`history.at\` does after its flush — reconstruct, encode the state, build the JSON view.

${text}

- **first**: the first query after building, at a moment late in the log.
- **p50/p95/max**: ${QUERIES} random moments over the whole log afterwards, in random order (wall
  time); **cpu**: this process's CPU time per query (PGlite's worker thread included, a Postgres
  server's not) — the better figure when the machine is loaded.
- **checkpoints**: automatic checkpoints in \`sync_checkpoints\` at the end; **wrong**: answers that
  differ from the generator's own document at that moment (must be 0).
- Updates: 4 authors typing at their cursors (80 %), deleting (13 %) and editing a \`graph\` map
  (7 %), appended in batches of ${BATCH} through \`PgUpdateStore.append\`, 3 s apart; an automatic
  checkpoint every ${CHECKPOINT_EVERY} updates, as \`HistoryService\` writes them in a live room.
- The machine is shared (other sessions' tests may run at the same time): treat figures as ±30 %.
`,
    );
  }
  if (!ok) process.exitCode = 1;
}

await main();
