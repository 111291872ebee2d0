import type { Product } from '../types.js';
import { type BuildLinksResult, type Candidate, type LinkSet, profileAll, topLinks } from './engine.js';
import type { RelationRules } from './rules.js';
import { scoreRelated, scoreTargeted } from './score.js';

/**
 * The all-pairs baseline: the same scoring as {@link buildLinks}, every ordered pair compared.
 * Quadratic — for benchmarks and for testing that the indexes lose nothing on small catalogs.
 */
export function buildLinksNaive(products: readonly Product[], rules: RelationRules): BuildLinksResult {
  const { profiles, targeted } = profileAll(products, rules);
  const links = new Map<string, LinkSet>();
  let comparisons = 0;
  for (const source of profiles) {
    const scored: Record<keyof LinkSet, Candidate[]> = {
      necessities: [],
      accessories: [],
      related: [],
    };
    for (let rank = 0; rank < profiles.length; rank++) {
      const target = profiles[rank]!;
      comparisons++;
      const n = scoreTargeted('necessities', source, target, rules.necessities, targeted, false);
      if (n) scored.necessities.push({ rank, score: n.score });
      const a = scoreTargeted('accessories', source, target, rules.accessories, targeted, false);
      if (a) scored.accessories.push({ rank, score: a.score });
      const r = scoreRelated(source, target, rules.related, targeted, false);
      if (r) scored.related.push({ rank, score: r.score });
    }
    const targetedLinks = (type: 'necessities' | 'accessories') =>
      topLinks(type, source, profiles, scored[type], rules[type].threshold, rules[type].limit, (t) =>
        scoreTargeted(type, source, t, rules[type], targeted),
      );
    links.set(source.product.sku, {
      necessities: targetedLinks('necessities'),
      accessories: targetedLinks('accessories'),
      related: topLinks(
        'related',
        source,
        profiles,
        scored.related,
        rules.related.threshold,
        rules.related.limit,
        (t) => scoreRelated(source, t, rules.related, targeted),
      ),
    });
  }
  return { links, comparisons };
}
