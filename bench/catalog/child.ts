/**
 * One measured build in its own process (so peak RSS is this build's alone):
 *   tsx bench/catalog/child.ts <indexed|all-pairs> <inDir> <outDir>
 * Prints one JSON line: { ms, maxRssMb, cpuS, summary, comparisons }.
 */
import { buildCatalog, writeCatalog } from '../../packages/catalog/src/index.js';

const [mode, inDir, outDir] = process.argv.slice(2) as [string, string, string];
const t0 = performance.now();
const result = buildCatalog({ inDir, allPairs: mode === 'all-pairs' });
writeCatalog(outDir, result);
const ms = performance.now() - t0;
process.stdout.write(
  `${JSON.stringify({
    ms: Math.round(ms),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    // CPU seconds (user + system) of this process: comparable across runs even when the machine is busy.
    cpuS: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1e5) / 10,
    summary: result.summary,
    comparisons: result.comparisons,
  })}\n`,
);
