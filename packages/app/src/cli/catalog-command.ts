import { type CliIo, type MatchArgs, runBuild, runExplain, runMatch } from '@ensemble/catalog';
import type { Command } from 'commander';

const io: CliIo = { stdout: process.stdout, stderr: process.stderr };

function exitWith(code: number): void {
  process.exitCode = code;
}

/** `ensemble catalog build|explain|match` — thin wiring; the logic lives in @ensemble/catalog. */
export function registerCatalogCommand(program: Command): void {
  const catalog = program
    .command('catalog')
    .description('Catalog pipeline: merge feeds with brand data, consolidate categories, discover links');

  catalog
    .command('build')
    .description('Import sources (<in>/sources.json), match, categorize, link and export to <out>')
    .requiredOption('--in <dir>', 'input directory holding sources.json')
    .requiredOption('--out <dir>', 'output directory (<brand>.json, index.json, rejects.jsonl, report.json)')
    .option(
      '--rules <dir>',
      'directory with categories.json and relationships.json (default: built-in rules)',
    )
    .action((options: { in: string; out: string; rules?: string }) => {
      exitWith(runBuild({ in: options.in, out: options.out, rules: options.rules }, io));
    });

  catalog
    .command('explain')
    .description('Print the necessities, accessories and related products of one SKU with their reasons')
    .argument('<sku>', 'product SKU')
    .option('--out <dir>', 'directory written by `catalog build`', './data/catalog')
    .action((sku: string, options: { out: string }) => {
      exitWith(runExplain({ sku, out: options.out }, io));
    });

  catalog
    .command('match')
    .description(
      'Run the matcher alone on two CSV files (id, name|title, description, manufacturer|brand, price)',
    )
    .requiredOption('--left <file>', 'left CSV')
    .requiredOption('--right <file>', 'right CSV')
    .requiredOption('--out <file>', 'output CSV of matched pairs: left_id,right_id,score')
    .option('--encoding <name>', 'encoding of both files (default: detected)')
    .option('--threshold <score>', 'minimum pair score (model probability)', (v: string) =>
      Number.parseFloat(v),
    )
    .option('--model <file>', 'pair-model JSON (default: the shipped rules/matcher-model.json)')
    .option('--legacy', 'hand-set weighted score instead of the learned model')
    .action((options: MatchArgs) => {
      exitWith(runMatch(options, io));
    });
}
