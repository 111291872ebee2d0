import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildResult, BuildSummary } from '../pipeline.js';
import { sortedBrands } from '../pipeline.js';
import { brandSlug } from '../sources/brands.js';
import type { Product } from '../types.js';
import { type ExportedProduct, exportProduct } from './shape.js';

export const EXPORT_FORMAT = 'ensemble-catalog/1';

export interface CatalogIndex {
  format: typeof EXPORT_FORMAT;
  summary: BuildSummary;
  brands: { brand: string; file: string; products: number }[];
  products: { sku: string; brand: string; name: string; category: string | null; file: string }[];
}

export interface BrandFile {
  format: typeof EXPORT_FORMAT;
  brand: string;
  products: ExportedProduct[];
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

const WRAP_HEAD = '{\n  "products": [\n'.length;
const WRAP_TAIL = '\n  ]\n}'.length;

/**
 * Writes `{format, brand, products}` product by product, byte-identical to `JSON.stringify(doc, null, 2)`,
 * so a large brand never exists as one object tree plus one giant string (that doubled peak memory at
 * 100k products).
 */
function writeBrandFile(
  file: string,
  brand: string,
  products: readonly Product[],
  shape: (p: Product) => ExportedProduct,
): void {
  const fd = openSync(file, 'w');
  try {
    let buffer = `{\n  "format": ${JSON.stringify(EXPORT_FORMAT)},\n  "brand": ${JSON.stringify(brand)},\n  "products": [`;
    products.forEach((p, i) => {
      // Stringified inside a one-element wrapper, the product comes out already indented for its place in
      // the file: cutting the wrapper off is cheaper than re-indenting every line with a regex.
      const wrapped = JSON.stringify({ products: [shape(p)] }, null, 2);
      buffer += `${i === 0 ? '\n' : ',\n'}${wrapped.slice(WRAP_HEAD, wrapped.length - WRAP_TAIL)}`;
      if (buffer.length > 1 << 20) {
        writeSync(fd, buffer);
        buffer = '';
      }
    });
    buffer += products.length === 0 ? ']\n}\n' : '\n  ]\n}\n';
    writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `<out>/<brand>.json` per brand, `index.json`, `rejects.jsonl` and `report.json`. Output is a
 * pure function of the build result (no timestamps), so the same input gives byte-identical files.
 */
export function writeCatalog(outDir: string, result: BuildResult): string[] {
  mkdirSync(outDir, { recursive: true });
  const bySku = new Map(result.products.map((p) => [p.sku, p]));
  const byBrand = new Map<string, Product[]>();
  for (const p of result.products) {
    const list = byBrand.get(p.brand);
    if (list) list.push(p);
    else byBrand.set(p.brand, [p]);
  }
  const index: CatalogIndex = { format: EXPORT_FORMAT, summary: result.summary, brands: [], products: [] };
  const written: string[] = [];
  const usedFiles = new Set<string>();
  for (const brand of sortedBrands(result.products)) {
    let file = `${brandSlug(brand)}.json`;
    for (let n = 2; usedFiles.has(file) || file === 'index.json' || file === 'report.json'; n++) {
      file = `${brandSlug(brand)}-${n}.json`;
    }
    usedFiles.add(file);
    const products = byBrand.get(brand)!; // already sorted by SKU
    writeBrandFile(join(outDir, file), brand, products, (p) =>
      exportProduct(p, result.links.get(p.sku)!, bySku),
    );
    written.push(file);
    index.brands.push({ brand, file, products: products.length });
    for (const p of products)
      index.products.push({ sku: p.sku, brand, name: p.name, category: p.category, file });
  }
  writeFileSync(join(outDir, 'index.json'), json(index));
  writeFileSync(
    join(outDir, 'rejects.jsonl'),
    result.rejects
      .map((r) => JSON.stringify({ file: r.file, line: r.line, reason: r.reason, raw: r.raw }))
      .join('\n') + (result.rejects.length > 0 ? '\n' : ''),
  );
  writeFileSync(
    join(outDir, 'report.json'),
    json({
      unmatchedCommercial: result.unmatchedCommercial,
      unmatchedOfficial: result.unmatchedOfficial,
      unmappedCategories: result.unmappedCategories,
    }),
  );
  written.push('index.json', 'rejects.jsonl', 'report.json');
  return written;
}
