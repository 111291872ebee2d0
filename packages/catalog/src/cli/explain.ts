import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import type { ExportedLink, ExportedProduct } from '../export/shape.js';
import type { BrandFile, CatalogIndex } from '../export/write.js';
import { type CliIo, EXIT_OK, reportError } from './io.js';

export interface ExplainArgs {
  sku: string;
  /** Directory written by `catalog build`. */
  out: string;
}

function readJson<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (error) {
    throw new EnsembleError(
      ErrorCode.NotFound,
      `cannot read ${path} (run \`ensemble catalog build\` first?)`,
      {
        cause: error,
      },
    );
  }
}

/** Finds one product of a built catalog. */
export function findProduct(out: string, sku: string): ExportedProduct {
  const index = readJson<CatalogIndex>(join(out, 'index.json'));
  const entry = index.products.find((p) => p.sku === sku);
  if (!entry) throw new EnsembleError(ErrorCode.NotFound, `no product with SKU ${sku} in ${out}`);
  const brand = readJson<BrandFile>(join(out, entry.file));
  const product = brand.products.find((p) => p.sku === sku);
  if (!product)
    throw new EnsembleError(
      ErrorCode.NotFound,
      `SKU ${sku} listed in index.json but missing from ${entry.file}`,
    );
  return product;
}

const money = (x: number) => x.toFixed(2);

export function formatExplain(p: ExportedProduct): string {
  const lines = [
    `${p.sku}  ${p.name}`,
    `  brand ${p.brand} · category ${p.category ?? '(unmapped)'} (source: ${p.source_category || '-'}) · price ${money(p.price)} · ${p.inStock ? `in stock (${p.stock})` : 'out of stock'}`,
    `  official: ${p.model ? `${p.model} (match score ${p.match_score}) · ${p.official_manuals.length} manuals, ${p.official_gallery.length} images, ${Object.keys(p.official_specs).length} specs` : 'no official record matched'}`,
  ];
  const section = (title: string, links: ExportedLink[]) => {
    lines.push('', `${title} (${links.length})`);
    if (links.length === 0) lines.push('  —');
    for (const l of links) {
      lines.push(
        `  ${l.score.toFixed(2)}  ${l.sku}  ${l.name}  [${l.brand}, ${money(l.price)}${l.inStock ? '' : ', out of stock'}]`,
      );
      for (const r of l.reasons) lines.push(`          · ${r}`);
    }
  };
  section('Needs', p.necessities);
  section('Accessories', p.accessories);
  section('Related', p.related);
  return `${lines.join('\n')}\n`;
}

/** `ensemble catalog explain <sku> [--out <dir>]`: prints a product's links with their reasons. */
export function runExplain(args: ExplainArgs, io: CliIo): number {
  try {
    io.stdout.write(formatExplain(findProduct(args.out, args.sku)));
    return EXIT_OK;
  } catch (error) {
    return reportError(io, error);
  }
}
