import { writeCatalog } from '../export/write.js';
import { type BuildSummary, buildCatalog, loadRules } from '../pipeline.js';
import { type CliIo, EXIT_OK, reportError } from './io.js';
import { ProgressBar } from './progress.js';

export interface BuildArgs {
  /** Input directory holding sources.json. */
  in: string;
  out: string;
  /** Directory with categories.json and relationships.json (default: the package's rules/). */
  rules?: string | undefined;
}

const PHASES = {
  import: 'Importing sources',
  merge: 'Matching commercial ↔ official records',
  categories: 'Consolidating categories',
  links: 'Discovering relationships',
} as const;

/** The human summary printed after a build; the integration test keeps a golden copy of it. */
export function formatSummary(s: BuildSummary, out: string): string {
  const pad = (label: string) => `  ${label.padEnd(14)}`;
  return [
    `Catalog built in ${out}`,
    `${pad('products')}${s.products} from ${s.brands} brands`,
    `${pad('matched')}${s.matched} (${s.matchedPercent.toFixed(1)} %) to official data`,
    `${pad('unmatched')}${s.unmatchedCommercial} commercial, ${s.unmatchedOfficial} official (see report.json)`,
    `${pad('categories')}${s.categorized} mapped, ${s.unmappedProducts} unmapped (see report.json)`,
    `${pad('links')}necessities ${s.links.necessities}, accessories ${s.links.accessories}, related ${s.links.related}`,
    `${pad('rejects')}${s.rejects} (see rejects.jsonl)`,
    '',
  ].join('\n');
}

/** `ensemble catalog build --in <dir> --out <dir>`: returns the exit code (non-zero on fatal errors). */
export function runBuild(args: BuildArgs, io: CliIo): number {
  const progress = new ProgressBar(io);
  try {
    const rules = loadRules(args.rules);
    const result = buildCatalog({
      inDir: args.in,
      rules,
      onPhase: (phase) => progress.phase(PHASES[phase]),
      onProgress: (_phase, done, total) => progress.update('  products', done, total),
    });
    progress.phase('Writing export');
    writeCatalog(args.out, result);
    io.stderr.write('done\n');
    io.stdout.write(formatSummary(result.summary, args.out));
    return EXIT_OK;
  } catch (error) {
    return reportError(io, error);
  }
}
