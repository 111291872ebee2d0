import { brandKey } from '../match/features.js';
import { PhraseMatcher, stem, stems } from '../normalize/phrases.js';
import { compareStrings, foldText, hasDigit } from '../normalize/text.js';
import type { Product } from '../types.js';
import type { RelationRules } from './rules.js';

/** What the relationship rules need to know about one product, computed once. */
export interface Profile {
  product: Product;
  brand: string;
  /** Keyword groups the product belongs to, with the phrase that put it there (rules order). */
  groups: { name: string; phrase: string }[];
  groupNames: Set<string>;
  /** Set by the engine: the product belongs to a targeted group (power supply, case…). */
  isTarget?: boolean;
  /** Instrument families (sorted), from its universal category or family keywords in name/category. */
  families: string[];
  /** Families named by a keyword (not by category): what an accessory says it fits. */
  namedFamilies: Map<string, string>;
  /** Keyword groups this product can need/use; null = all. */
  allowedGroups: Set<string> | null;
  /** Compact model codes in the name (`fp30x`, `ds1`, `fantom6`). */
  codes: string[];
  /** Descriptive name stems without brand words and codes (`digital`, `piano`). */
  descriptive: string[];
  sourceCategoryKey: string;
  /** floor(log2(price)): products within a factor of 2 are in the same or adjacent buckets. */
  priceBucket: number;
}

export class Profiler {
  readonly #groups = new PhraseMatcher<{ name: string; phrase: string; order: number }>();
  readonly #familyWords = new PhraseMatcher<{ name: string; phrase: string }>();
  readonly #familiesByCategory = new Map<string, string[]>();
  readonly #familyGroups = new Map<string, string[] | undefined>();

  constructor(rules: RelationRules) {
    Object.entries(rules.keywordGroups).forEach(([name, phrases], order) => {
      for (const phrase of phrases) this.#groups.add(phrase, { name, phrase, order });
    });
    for (const [name, family] of Object.entries(rules.families)) {
      for (const c of family.categories) {
        const list = this.#familiesByCategory.get(c) ?? [];
        list.push(name);
        this.#familiesByCategory.set(c, list);
      }
      for (const phrase of family.keywords) this.#familyWords.add(phrase, { name, phrase });
      this.#familyGroups.set(name, family.groups);
    }
  }

  profile(product: Product): Profile {
    const text = stems(`${product.name} ${product.sourceCategory}`);
    const nameStems = stems(product.name);
    const groups = this.#groups
      .find(nameStems)
      .sort((a, b) => a.order - b.order)
      .map(({ name, phrase }) => ({ name, phrase }));
    const namedFamilies = new Map<string, string>();
    // Model-code prefixes (`PA` of PA-150B, `SH` of SH-101) are not family words.
    for (const hit of this.#familyWords.find(
      withoutCodePrefixes(`${product.name} ${product.sourceCategory}`),
    )) {
      if (!namedFamilies.has(hit.name)) namedFamilies.set(hit.name, hit.phrase);
    }
    const families = new Set(namedFamilies.keys());
    for (const f of this.#familiesByCategory.get(product.category ?? '') ?? []) families.add(f);
    const sortedFamilies = [...families].sort(compareStrings);
    let allowedGroups: Set<string> | null = null;
    if (sortedFamilies.length > 0) {
      const union = new Set<string>();
      let all = false;
      for (const f of sortedFamilies) {
        const g = this.#familyGroups.get(f);
        if (g === undefined) all = true;
        else for (const x of g) union.add(x);
      }
      allowedGroups = all ? null : union;
    }
    const brand = brandKey(product.brand);
    const brandStems = new Set(brand.split(' ').map(stem));
    const descriptive = descriptiveStems(product.name, brandStems);
    return {
      product,
      brand,
      groups,
      groupNames: new Set(groups.map((g) => g.name)),
      families: sortedFamilies,
      namedFamilies,
      allowedGroups,
      codes: modelCodes(product.name),
      descriptive,
      sourceCategoryKey: text.length > 0 ? stems(product.sourceCategory).join(' ') : '',
      priceBucket: product.price > 0 ? Math.floor(Math.log2(product.price)) : -1,
    };
  }
}

/**
 * Model codes named in a product name, letter-prefixed: `FP-30X` → `fp30`, `fp30x`; `P45B` → `p45`,
 * `p45b`; `ART 710-A` → `art710`, `art710a`. A bare number (`30X`, `61 keys`) is never a code, so
 * "BCB-30X" does not mention "FP-30X".
 */
export function modelCodes(name: string): string[] {
  const codes = new Set<string>();
  // A space between letters and number only for short prefixes (`ART 710`, `HD 10`), not `Cable 61`.
  const pattern = /\b([a-z]+|[a-z]{1,4} )([0-9]+)([a-z]*)\b/g;
  const text = foldText(name.replace(/-/g, ''));
  for (const m of text.matchAll(pattern)) {
    const core = `${m[1]!.trim()}${String(Number(m[2]))}`;
    codes.add(core);
    if (m[3]) codes.add(core + m[3]);
  }
  return [...codes].sort(compareStrings);
}

/** Name stems that describe the product (`digital`, `piano`): no brand words, numbers or code prefixes (`fp` of FP-30X). */
function descriptiveStems(name: string, brandStems: Set<string>): string[] {
  const tokens = foldText(name).split(' ');
  const out = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (t.length < 2 || hasDigit(t)) continue;
    if (next !== undefined && /^[0-9]/.test(next) && t.length <= 4) continue;
    const s = stem(t);
    if (!brandStems.has(s)) out.add(s);
  }
  return [...out].sort(compareStrings);
}

/** Stems of a text minus short words directly followed by a number (model-code prefixes). */
function withoutCodePrefixes(text: string): string[] {
  const tokens = foldText(text).split(' ');
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (next !== undefined && /^[0-9]/.test(next) && t.length <= 4 && !hasDigit(t)) continue;
    out.push(stem(t));
  }
  return out;
}
