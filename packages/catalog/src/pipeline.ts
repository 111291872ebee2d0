import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CategoryMapper, type UnmappedCategory, unmappedReport } from './categories/consolidate.js';
import { type CategoryRules, loadCategoryRules } from './categories/rules.js';
import { type MergeResult, mergeRecords, type UnmatchedOfficial } from './match/merge.js';
import { compareStrings } from './normalize/text.js';
import { buildLinks, type LinkSet } from './relations/engine.js';
import { buildLinksNaive } from './relations/naive.js';
import { loadRelationRules, type RelationRules } from './relations/rules.js';
import { loadSources } from './sources/load.js';
import type { BrandSource } from './sources/official.js';
import type { Product, Reject } from './types.js';

/** Directory of the default rules files shipped with the package (same depth from src/ and dist/). */
export const DEFAULT_RULES_DIR = fileURLToPath(new URL('../rules/', import.meta.url));
/** The demo catalog shipped with the package (the server builds it on first start). */
export const DEMO_CATALOG_DIR = fileURLToPath(new URL('../demo/', import.meta.url));

export interface Rules {
  categories: CategoryRules;
  relations: RelationRules;
}

/** Loads `categories.json` and `relationships.json` from a directory (default: the package's rules/). */
export function loadRules(dir: string = DEFAULT_RULES_DIR): Rules {
  return {
    categories: loadCategoryRules(join(dir, 'categories.json')),
    relations: loadRelationRules(join(dir, 'relationships.json')),
  };
}

export type Phase = 'import' | 'merge' | 'categories' | 'links';

export interface BuildOptions {
  inDir: string;
  rules?: Rules;
  extraSources?: readonly BrandSource[];
  onPhase?: (phase: Phase) => void;
  onProgress?: (phase: Phase, done: number, total: number) => void;
  /** Use the quadratic all-pairs link builder (benchmark baseline only). */
  allPairs?: boolean;
}

export interface BuildSummary {
  products: number;
  brands: number;
  matched: number;
  /** Percentage of products matched to official data, one decimal. */
  matchedPercent: number;
  unmatchedCommercial: number;
  unmatchedOfficial: number;
  categorized: number;
  unmappedProducts: number;
  links: { necessities: number; accessories: number; related: number };
  rejects: number;
}

export interface BuildResult {
  products: Product[];
  links: Map<string, LinkSet>;
  rejects: Reject[];
  unmatchedCommercial: string[];
  unmatchedOfficial: UnmatchedOfficial[];
  unmappedCategories: UnmappedCategory[];
  summary: BuildSummary;
  comparisons: { merge: number; links: number };
}

/** The whole pipeline in memory: import → merge → categories → relationships. Pure apart from reading files. */
export function buildCatalog(options: BuildOptions): BuildResult {
  const rules = options.rules ?? loadRules();
  options.onPhase?.('import');
  const sources = loadSources(options.inDir, options.extraSources);
  options.onPhase?.('merge');
  const merged: MergeResult = mergeRecords(sources.commercial, sources.official);
  options.onPhase?.('categories');
  const mapper = new CategoryMapper(rules.categories);
  const products = merged.products.map((p) => ({ ...p, category: mapper.map(p.sourceCategory).category }));
  const unmappedCategories = unmappedReport(products);
  options.onPhase?.('links');
  const built = options.allPairs
    ? buildLinksNaive(products, rules.relations)
    : buildLinks(products, rules.relations, {
        onProgress: (done, total) => options.onProgress?.('links', done, total),
      });
  const count = { necessities: 0, accessories: 0, related: 0 };
  for (const set of built.links.values()) {
    count.necessities += set.necessities.length;
    count.accessories += set.accessories.length;
    count.related += set.related.length;
  }
  const matched = products.length - merged.unmatchedCommercial.length;
  const summary: BuildSummary = {
    products: products.length,
    brands: new Set(products.map((p) => p.brand)).size,
    matched,
    matchedPercent: products.length === 0 ? 0 : Math.round((matched / products.length) * 1000) / 10,
    unmatchedCommercial: merged.unmatchedCommercial.length,
    unmatchedOfficial: merged.unmatchedOfficial.length,
    categorized: products.filter((p) => p.category !== null).length,
    unmappedProducts: products.filter((p) => p.category === null).length,
    links: count,
    rejects: sources.rejects.length,
  };
  return {
    products,
    links: built.links,
    rejects: sources.rejects,
    unmatchedCommercial: merged.unmatchedCommercial,
    unmatchedOfficial: merged.unmatchedOfficial,
    unmappedCategories,
    summary,
    comparisons: { merge: merged.comparisons, links: built.comparisons },
  };
}

export function sortedBrands(products: readonly Product[]): string[] {
  return [...new Set(products.map((p) => p.brand))].sort(compareStrings);
}
