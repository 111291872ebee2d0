import { compareStrings } from '../normalize/text.js';
import type { CommercialRecord, OfficialRecord, Product, SourceRef } from '../types.js';
import { DEFAULT_MATCHER_OPTIONS, type MatcherOptions, matchRecords } from './matcher.js';
import { DEFAULT_WEIGHTS } from './score.js';

/**
 * Matcher settings for the catalog merge: brands must agree (records are grouped by canonical brand),
 * and a number conflict (`Lead A1` vs `Lead 4`, `Fantom 6` vs `Fantom 7`) rules a pair out.
 */
export const MERGE_MATCHER_OPTIONS: MatcherOptions = {
  ...DEFAULT_MATCHER_OPTIONS,
  threshold: 0.5,
  brandAware: true,
  blockByBrand: true,
  maxPosting: 100,
  maxCandidates: 16,
  inferBrands: false,
  softTfidf: false,
  // Colour/bundle variants: several SKUs may share one official record.
  extraThreshold: 0.6,
  weights: {
    ...DEFAULT_WEIGHTS,
    nameCosine: 0.3,
    trigramCosine: 0.1,
    descCosine: 0,
    containment: 0.5,
    numberConflict: 1,
    pricePenalty: 0,
  },
};

export interface UnmatchedOfficial {
  brand: string;
  model: string;
  source: SourceRef;
}

export interface MergeResult {
  /** One product per commercial record, sorted by SKU; `category` is still null here. */
  products: Product[];
  unmatchedCommercial: string[];
  unmatchedOfficial: UnmatchedOfficial[];
  comparisons: number;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/**
 * Matches commercial records to official ones brand by brand and merges each pair: commercial data wins
 * for name, price, stock, category and image; official data supplies model, specs, manuals and gallery.
 */
export function mergeRecords(
  commercial: readonly CommercialRecord[],
  official: readonly OfficialRecord[],
  options: Partial<MatcherOptions> = {},
): MergeResult {
  const opts = { ...MERGE_MATCHER_OPTIONS, ...options };
  const officialByBrand = groupBy(official, (o) => o.brand);
  const commercialByBrand = groupBy(commercial, (c) => c.brand);
  const partner = new Map<string, { record: OfficialRecord; score: number }>();
  const unmatchedOfficial: UnmatchedOfficial[] = [];
  let comparisons = 0;
  const brands = [...new Set([...officialByBrand.keys(), ...commercialByBrand.keys()])].sort(compareStrings);
  for (const brand of brands) {
    const left = commercialByBrand.get(brand) ?? [];
    const right = officialByBrand.get(brand) ?? [];
    // Official records on the left: the many-to-one pass lets several SKUs share one official record.
    const result = matchRecords(
      right.map((o, i) => ({ id: String(i), name: o.model, brand: o.brand })),
      left.map((c) => ({ id: c.sku, name: ownModelPart(c.name), brand: c.brand })),
      opts,
    );
    comparisons += result.comparisons;
    for (const pair of result.pairs) {
      partner.set(pair.rightId, { record: right[Number(pair.leftId)]!, score: pair.score });
    }
    for (const id of result.unmatchedLeft) {
      const o = right[Number(id)]!;
      unmatchedOfficial.push({ brand: o.brand, model: o.model, source: o.source });
    }
  }
  const products = [...commercial]
    .sort((a, b) => compareStrings(a.sku, b.sku))
    .map((c): Product => {
      const match = partner.get(c.sku);
      return {
        sku: c.sku,
        name: c.name,
        brand: c.brand,
        price: c.price,
        stock: c.stock,
        inStock: c.stock > 0,
        sourceCategory: c.sourceCategory,
        category: null,
        imageUrl: c.imageUrl,
        official: match
          ? {
              model: match.record.model,
              manuals: match.record.manuals,
              gallery: match.record.gallery,
              specs: match.record.specs,
              matchScore: Math.round(match.score * 1000) / 1000,
            }
          : null,
      };
    });
  unmatchedOfficial.sort(
    (a, b) =>
      compareStrings(a.brand, b.brand) || compareStrings(a.model, b.model) || a.source.line - b.source.line,
  );
  return {
    products,
    unmatchedCommercial: products.filter((p) => p.official === null).map((p) => p.sku),
    unmatchedOfficial,
    comparisons,
  };
}

/**
 * The part of a commercial name that describes the product itself: a trailing compatibility clause
 * ("Stand for P-125a", "Soft Case for Lead A1") names other models and must not drive the match.
 */
export function ownModelPart(name: string): string {
  const cut = name.search(/\s(for|f\u00fcr|per|pour|para)\s/i);
  return cut > 0 ? name.slice(0, cut) : name;
}
