import type { CommercialRecord, Reject } from '../types.js';
import type { BrandResolver } from './brands.js';
import { type CommercialSourceConfig, DEFAULT_COMMERCIAL_COLUMNS } from './config.js';
import { readTable } from './read-table.js';
import { asText, parsePrice, parseStock } from './values.js';

export interface Imported<T> {
  records: T[];
  rejects: Reject[];
}

/**
 * Imports one commercial feed. Rejected (with file + line): missing SKU, missing name, missing brand,
 * unparsable price, unparsable stock, duplicate SKU (the first occurrence wins), unreadable rows.
 */
export function importCommercial(
  baseDir: string,
  config: CommercialSourceConfig,
  brands: BrandResolver,
  seen: Set<string> = new Set(),
): Imported<CommercialRecord> {
  const columns = { ...DEFAULT_COMMERCIAL_COLUMNS, ...lowerValues(config.columns ?? {}) };
  const { records: raw, rejects } = readTable(baseDir, config);
  const records: CommercialRecord[] = [];
  for (const row of raw) {
    const get = (key: keyof typeof columns) => asText(row.value[columns[key]]);
    const reject = (reason: string) =>
      rejects.push({ file: config.file, line: row.line, reason, raw: row.raw });
    const sku = get('sku');
    if (sku === '') {
      reject('missing SKU');
      continue;
    }
    const name = get('name');
    if (name === '') {
      reject(`missing name (SKU ${sku})`);
      continue;
    }
    const brand = get('brand');
    if (brand === '') {
      reject(`missing brand (SKU ${sku})`);
      continue;
    }
    const priceText = get('price');
    const price = parsePrice(priceText);
    if (price === undefined) {
      reject(`unparsable price "${priceText}" (SKU ${sku})`);
      continue;
    }
    const stockText = get('stock');
    const stock = parseStock(stockText);
    if (stock === undefined) {
      reject(`unparsable stock "${stockText}" (SKU ${sku})`);
      continue;
    }
    if (seen.has(sku)) {
      reject(`duplicate SKU ${sku}`);
      continue;
    }
    seen.add(sku);
    records.push({
      sku,
      name,
      brand: brands.resolve(brand),
      price,
      stock,
      sourceCategory: get('category'),
      imageUrl: get('image'),
      source: { file: config.file, line: row.line },
    });
  }
  return { records, rejects };
}

/** CSV headers are lower-cased by the parser, so configured column names are too (JSON keys stay as is). */
function lowerValues<T extends Record<string, string | undefined>>(columns: T): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(columns)) if (v !== undefined) out[k] = v.toLowerCase();
  return out;
}
