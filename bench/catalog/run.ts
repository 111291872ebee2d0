/**
 * Catalog benchmark (not a test): matcher quality on the shared data sets and build time / peak memory
 * of the pipeline at 1k, 10k, 100k synthetic products next to the all-pairs baseline.
 *   npm run bench:catalog            (add --quick to stop at 10k; --matcher-only / --build-only print
 *                                     one half and leave RESULTS.md alone)
 * Prints a table, one `BENCH_JSON {...}` line, and rewrites bench/catalog/RESULTS.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { type MatchPair, parseCsv, writeSyntheticCatalog } from '../../packages/catalog/src/index.js';
import type { Scores } from './datasets.js';
import { MATCHER_METHOD, runMatcherBench } from './matcher-bench.js';

const HERE = import.meta.dirname;
const quick = process.argv.includes('--quick');
const matcherOnly = process.argv.includes('--matcher-only');
const buildOnly = process.argv.includes('--build-only');
const work = mkdtempSync(join(tmpdir(), 'ensemble-bench-catalog-'));
const _silent = { stdout: { write: () => true }, stderr: { write: () => true } };

function _readPairs(file: string): MatchPair[] {
  return parseCsv(readFileSync(file, 'utf8')).rows.map((r) => ({
    leftId: r.fields.left_id ?? '',
    rightId: r.fields.right_id ?? '',
    score: Number(r.fields.score),
  }));
}

// 1. Matcher quality (bench/catalog/matcher-bench.ts) --------------------------------------------
const matcher = buildOnly ? undefined : runMatcherBench(work);

// 2. Build scaling --------------------------------------------------------------------------------
interface Run {
  ms: number;
  maxRssMb: number;
  cpuS: number;
  /** 1-minute load average of the machine when the run started (2 cores: above 2 = contended). */
  load: number;
  comparisons: { merge: number; links: number };
  summary: { products: number; matchedPercent: number; links: Record<string, number> };
}
function runChild(mode: 'indexed' | 'all-pairs', dir: string, timeoutMs: number): Run | 'timeout' | 'error' {
  const out = join(work, `out-${mode}`);
  const load = Math.round(loadavg()[0]! * 10) / 10;
  const res = spawnSync(process.execPath, ['--import', 'tsx', join(HERE, 'child.ts'), mode, dir, out], {
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 1 << 20,
  });
  rmSync(out, { recursive: true, force: true });
  if (res.error || res.signal) return 'timeout';
  if (res.status !== 0) {
    process.stderr.write(res.stderr);
    return 'error';
  }
  return { ...(JSON.parse(res.stdout.trim().split('\n').pop() ?? '{}') as Run), load };
}

const sizes = matcherOnly ? [] : quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
const scaling: { products: number; indexed: Run | string; allPairs: Run | string }[] = [];
let lastBaselineMs = 0;
for (const n of sizes) {
  const dir = join(work, `synth-${n}`);
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    writeSyntheticCatalog(dir, { products: n, seed: 42 });
  }
  process.stderr.write(`build: ${n} products (indexed)…\n`);
  const indexed = runChild('indexed', dir, 600_000);
  // The baseline is quadratic: only run it where the projection stays under a minute.
  const projected = lastBaselineMs * (n / (scaling.at(-1)?.products ?? n)) ** 2;
  let allPairs: Run | string;
  if (scaling.length > 0 && (lastBaselineMs === 0 || projected > 60_000)) {
    allPairs = `skipped (projected ${Math.round(projected / 1000)} s)`;
    lastBaselineMs = projected;
  } else {
    process.stderr.write(`build: ${n} products (all-pairs baseline)…\n`);
    const r = runChild('all-pairs', dir, 60_000);
    allPairs = typeof r === 'string' ? `${r} (> 60 s)` : r;
    lastBaselineMs = typeof r === 'string' ? 0 : r.ms;
  }
  scaling.push({ products: n, indexed, allPairs });
}
rmSync(work, { recursive: true, force: true });

// 3. Report ---------------------------------------------------------------------------------------
const _pct = (s: Scores) => `${s.precision.toFixed(3)} / ${s.recall.toFixed(3)} / ${s.f1.toFixed(3)}`;
const cell = (r: Run | string) =>
  typeof r === 'string'
    ? r
    : `${(r.ms / 1000).toFixed(1)} s, ${r.maxRssMb} MB (CPU ${r.cpuS.toFixed(1)} s, load ${r.load.toFixed(1)})`;
const cmp = (r: Run | string) => (typeof r === 'string' ? '-' : String(r.comparisons.links));
const machine = `${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}`;
const date = new Date().toISOString().slice(0, 10);
const lines = [
  `# Catalog benchmark results`,
  '',
  `${date} — ${machine}. Produced by \`npm run bench:catalog\`; numbers from a shared machine vary by ±30 %.`,
  '',
  '## Matcher (precision / recall / F1)',
  '',
  '| data set | P / R / F1 | notes |',
  '|---|---|---|',
  ...(matcher?.rows ?? ['| (skipped: --build-only) | | |']),
  '',
  ...MATCHER_METHOD,
  '',
  '## Build (import → merge → categories → links → export): wall time, peak RSS (CPU time of the build process, 1-min load average of this 2-core machine at the start)',
  '',
  '| products | indexed engine | link comparisons | all-pairs baseline | link comparisons |',
  '|---|---|---|---|---|',
  ...scaling.map(
    (s) =>
      `| ${s.products} | ${cell(s.indexed)} | ${cmp(s.indexed)} | ${cell(s.allPairs)} | ${cmp(s.allPairs)} |`,
  ),
  '',
  'A load average above 2 means other processes shared the two cores during the build: wall time (and, through contention, CPU time) then measures the machine more than the build.',
  '',
];
const table = lines.join('\n');
process.stdout.write(`${table}\n`);
const json = {
  date,
  machine,
  matcher: matcher?.json,
  scaling,
};
process.stdout.write(`BENCH_JSON ${JSON.stringify(json)}\n`);
if (!matcherOnly && !buildOnly) writeFileSync(join(HERE, 'RESULTS.md'), `${table}\n`);
