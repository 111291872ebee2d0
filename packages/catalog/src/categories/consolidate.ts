import { PhraseMatcher, stems } from '../normalize/phrases.js';
import { compareStrings, foldText } from '../normalize/text.js';
import type { CategoryRules } from './rules.js';

export interface CategoryDecision {
  category: string | null;
  /** Why: `source category "Synths" listed for Keys & Pianos` or `keyword "drum" in "E-Drums > Kits"`. */
  reason: string;
}

/** Maps source categories to universal ones: exact entries first, then keyword rules in file order. */
export class CategoryMapper {
  readonly #exact = new Map<string, string>();
  readonly #keywords = new PhraseMatcher<{ category: string; keyword: string; order: number }>();
  readonly #cache = new Map<string, CategoryDecision>();

  constructor(rules: CategoryRules) {
    rules.rules.forEach((rule, order) => {
      for (const sc of rule.sourceCategories) {
        const key = foldText(sc);
        if (!this.#exact.has(key)) this.#exact.set(key, rule.category);
      }
      for (const keyword of rule.keywords)
        this.#keywords.add(keyword, { category: rule.category, keyword, order });
    });
  }

  map(sourceCategory: string): CategoryDecision {
    const cached = this.#cache.get(sourceCategory);
    if (cached) return cached;
    const decision = this.#decide(sourceCategory);
    this.#cache.set(sourceCategory, decision);
    return decision;
  }

  #decide(sourceCategory: string): CategoryDecision {
    if (sourceCategory.trim() === '') return { category: null, reason: 'no source category' };
    const exact = this.#exact.get(foldText(sourceCategory));
    if (exact) return { category: exact, reason: `source category "${sourceCategory}" listed for ${exact}` };
    // Paths like "Keyboards > Synthesizers": an exact entry for a segment (top level first) decides,
    // then keywords, most specific (last) segment first.
    const segments = sourceCategory
      .split(/[>/|]/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
    for (const segment of segments) {
      const hit = this.#exact.get(foldText(segment));
      if (hit) return { category: hit, reason: `source category "${segment}" listed for ${hit}` };
    }
    for (let i = segments.length - 1; i >= 0; i--) {
      const hits = this.#keywords.find(stems(segments[i]!));
      if (hits.length > 0) {
        const best = [...hits].sort((a, b) => b.keyword.length - a.keyword.length || a.order - b.order)[0]!;
        return { category: best.category, reason: `keyword "${best.keyword}" in "${sourceCategory}"` };
      }
    }
    return { category: null, reason: `no rule matches "${sourceCategory}"` };
  }
}

export interface UnmappedCategory {
  sourceCategory: string;
  products: number;
}

/** Source categories that stayed unmapped, with how many products carry each; sorted by count then name. */
export function unmappedReport(
  items: readonly { sourceCategory: string; category: string | null }[],
): UnmappedCategory[] {
  const counts = new Map<string, number>();
  for (const item of items) {
    if (item.category === null) counts.set(item.sourceCategory, (counts.get(item.sourceCategory) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([sourceCategory, products]) => ({ sourceCategory, products }))
    .sort((a, b) => b.products - a.products || compareStrings(a.sourceCategory, b.sourceCategory));
}
