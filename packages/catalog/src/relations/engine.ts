import { compareStrings } from '../normalize/text.js';
import type { Link, LinkType, Product } from '../types.js';
import { ProfileArrays } from './fast.js';
import { type Profile, Profiler } from './profile.js';
import type { RelationRules, TargetedLinkRules } from './rules.js';
import { isTargetItem, type Scored, scoreRelated, scoreTargeted } from './score.js';

export interface LinkSet {
  necessities: Link[];
  accessories: Link[];
  related: Link[];
}

export interface BuildLinksOptions {
  onProgress?: (done: number, total: number) => void;
}

export interface BuildLinksResult {
  links: Map<string, LinkSet>;
  /** Candidate pairs scored: grows with products × capped list sizes, not products². */
  comparisons: number;
}

/** Tie-break after the score: in stock first, then SKU. Posting lists use the same order. */
function rankCompare(a: Profile, b: Profile): number {
  return (
    (b.product.inStock ? 1 : 0) - (a.product.inStock ? 1 : 0) || compareStrings(a.product.sku, b.product.sku)
  );
}

class PostingIndex {
  readonly #lists = new Map<string, number[]>();
  constructor(readonly cap: number) {}
  /** Items must be added in rank order; lists keep only the first `cap` (or `cap` given) entries. */
  add(key: string, item: number, cap = this.cap): void {
    const list = this.#lists.get(key);
    if (!list) this.#lists.set(key, [item]);
    else if (list.length < cap && list[list.length - 1] !== item) list.push(item);
  }
  get(key: string): readonly number[] {
    return this.#lists.get(key) ?? EMPTY;
  }
}
const EMPTY: readonly number[] = [];

/** All profiles in rank order plus the set of keyword groups that mark an item as a target. */
export function profileAll(
  products: readonly Product[],
  rules: RelationRules,
): { profiles: Profile[]; targeted: Set<string> } {
  const profiler = new Profiler(rules);
  const profiles = products.map((p) => profiler.profile(p)).sort(rankCompare);
  const targeted = new Set([...rules.necessities.groups, ...rules.accessories.groups]);
  for (const p of profiles) p.isTarget = isTargetItem(p, targeted);
  return { profiles, targeted };
}

const NONE_REDUNDANT = { generic: false, anyFamilySameBrand: false };

/**
 * Posting lists whose entries cannot reach the threshold without a model mention, given the lists that are
 * always read. `(group, *)`: a cross-brand generic target scores group + genericFamily; the same-brand ones
 * are also in `(group, *, brand)`, at the same or an earlier position (a brand list is a subsequence of the
 * full one, both in rank order), so they are not lost to the cap. `(group, any family, brand)`: a target
 * sharing a family with the source is in `(group, family, brand)`, a generic one in `(group, *, brand)`,
 * and any other scores group + sameBrand. Model mentions come through the code lists, which is only
 * complete when none of the source's code lists is saturated (the caller checks).
 */
function redundantLists(r: TargetedLinkRules): { generic: boolean; anyFamilySameBrand: boolean } {
  const w = r.weights;
  // Scores are rounded to 3 decimals: keep a margin so rounding can never lift a skipped entry.
  const below = (x: number) => x < r.threshold - 0.001;
  return { generic: below(w.group + w.genericFamily), anyFamilySameBrand: below(w.group + w.sameBrand) };
}

/** A scored candidate; `rank` is its index in `profileAll`'s order (the tie-break order). */
export interface Candidate {
  rank: number;
  score: number;
}

/**
 * Sorts scored candidates (score desc, then rank) and keeps the best `limit` as links; `explain`
 * re-scores only those with reasons (candidates are scored without building reason strings).
 */
export function topLinks(
  type: LinkType,
  source: Profile,
  profiles: readonly Profile[],
  scored: Candidate[],
  threshold: number,
  limit: number,
  explain: (target: Profile) => Scored | null,
): Link[] {
  return scored
    .filter((s) => s.score >= threshold)
    .sort((x, y) => y.score - x.score || x.rank - y.rank)
    .slice(0, limit)
    .map((s) => {
      const target = profiles[s.rank]!;
      return {
        type,
        from: source.product.sku,
        to: target.product.sku,
        score: s.score,
        reasons: explain(target)?.reasons ?? [],
      };
    });
}

/**
 * Builds necessities, accessories and related links for every product without an all-pairs loop:
 * targets are found through inverted indexes keyed by (group, family[, brand]), model codes and
 * (category, subcategory | brand, price bucket), each posting list capped at `candidates.maxPosting`.
 * Cost is O(products × keys × cap).
 */
export function buildLinks(
  products: readonly Product[],
  rules: RelationRules,
  options: BuildLinksOptions = {},
): BuildLinksResult {
  const { profiles, targeted } = profileAll(products, rules);
  const cap = rules.candidates.maxPosting;
  // Within one (group, family, brand) list every target scores the same apart from a model mention
  // (found through the code lists), and lists are in tie-break order: the first `limit` are enough.
  const groupCap = Math.max(rules.necessities.limit, rules.accessories.limit, 1);
  const targets = new PostingIndex(cap);
  const related = new PostingIndex(cap);
  profiles.forEach((p, i) => {
    for (const g of p.groupNames) {
      if (p.namedFamilies.size === 0) {
        targets.add(`${g}|*`, i, groupCap);
        targets.add(`${g}|*|${p.brand}`, i, groupCap);
      } else {
        for (const f of p.namedFamilies.keys()) {
          targets.add(`${g}|${f}`, i, groupCap);
          targets.add(`${g}|${f}|${p.brand}`, i, groupCap);
        }
      }
      targets.add(`${g}|any|${p.brand}`, i, groupCap);
    }
    if (p.groupNames.size > 0) for (const c of p.codes) targets.add(`code|${c}`, i);
    if (p.product.category !== null && !isTargetItem(p, targeted)) {
      related.add(`${p.product.category}|s|${p.sourceCategoryKey}|${p.priceBucket}`, i);
      related.add(`${p.product.category}|b|${p.brand}|${p.priceBucket}`, i);
      // Same subcategory + same brand can pass the threshold at any price: no price bucket here.
      related.add(`${p.product.category}|sb|${p.sourceCategoryKey}|${p.brand}`, i);
      // Same subcategory + strong name overlap can pass at any price too (capped list).
      related.add(`${p.product.category}|s|${p.sourceCategoryKey}|*`, i);
    }
  });

  const arrays = new ProfileArrays(profiles, rules);
  const redundant = {
    necessities: redundantLists(rules.necessities),
    accessories: redundantLists(rules.accessories),
  };
  const links = new Map<string, LinkSet>();
  const seen = new Int32Array(profiles.length).fill(-1);
  let comparisons = 0;
  const total = profiles.length;
  const bySku = profiles
    .map((_, i) => i)
    .sort((a, b) => compareStrings(profiles[a]!.product.sku, profiles[b]!.product.sku));
  bySku.forEach((si, done) => {
    const source = profiles[si]!;
    const set: LinkSet = { necessities: [], accessories: [], related: [] };
    if (!isTargetItem(source, targeted)) {
      for (const type of ['necessities', 'accessories'] as const) {
        const r = rules[type];
        const keys: string[] = [];
        const codeKeys = source.codes.map((c) => `code|${c}`);
        // Lists that can only contribute through a model mention are skipped when every model mention
        // is already found through the (unsaturated) code lists — see `redundantLists`.
        const codesComplete = codeKeys.every((k) => targets.get(k).length < cap);
        const skip = codesComplete ? redundant[type] : NONE_REDUNDANT;
        for (const g of r.groups) {
          if (source.allowedGroups !== null && !source.allowedGroups.has(g)) continue;
          for (const f of source.families) keys.push(`${g}|${f}`, `${g}|${f}|${source.brand}`);
          if (!skip.generic) keys.push(`${g}|*`);
          keys.push(`${g}|*|${source.brand}`);
          if (!skip.anyFamilySameBrand) keys.push(`${g}|any|${source.brand}`);
        }
        keys.push(...codeKeys);
        const stamp = done * 2 + (type === 'necessities' ? 0 : 1);
        const scored: Candidate[] = [];
        for (const key of keys) {
          for (const ti of targets.get(key)) {
            if (seen[ti] === stamp) continue;
            seen[ti] = stamp;
            comparisons++;
            const score = arrays.targeted(type, si, ti, r);
            if (score >= r.threshold) scored.push({ rank: ti, score });
          }
        }
        set[type] = topLinks(type, source, profiles, scored, r.threshold, r.limit, (t) =>
          scoreTargeted(type, source, t, r, targeted),
        );
      }
      if (source.product.category !== null) {
        const stamp = -2 - done;
        const scored: Candidate[] = [];
        const cat = source.product.category;
        const keys = [
          `${cat}|sb|${source.sourceCategoryKey}|${source.brand}`,
          `${cat}|s|${source.sourceCategoryKey}|*`,
        ];
        for (let b = source.priceBucket - 1; b <= source.priceBucket + 1; b++) {
          keys.push(`${cat}|s|${source.sourceCategoryKey}|${b}`, `${cat}|b|${source.brand}|${b}`);
        }
        for (const key of keys) {
          for (const ti of related.get(key)) {
            if (seen[ti] === stamp) continue;
            seen[ti] = stamp;
            comparisons++;
            const score = arrays.related(si, ti, rules.related, rules.related.threshold);
            if (score >= rules.related.threshold) scored.push({ rank: ti, score });
          }
        }
        set.related = topLinks(
          'related',
          source,
          profiles,
          scored,
          rules.related.threshold,
          rules.related.limit,
          (t) => scoreRelated(source, t, rules.related, targeted),
        );
      }
    }
    links.set(source.product.sku, set);
    if (options.onProgress && ((done + 1) % 1000 === 0 || done + 1 === total))
      options.onProgress(done + 1, total);
  });
  return { links, comparisons };
}
