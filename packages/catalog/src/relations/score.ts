import type { LinkType } from '../types.js';
import type { Profile } from './profile.js';
import type { RelatedLinkRules, TargetedLinkRules } from './rules.js';

export interface Scored {
  score: number;
  reasons: string[];
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const NO_REASONS: string[] = [];

function money(x: number): string {
  return x.toFixed(2);
}

/**
 * Necessity / accessory score of `target` for `source` (directional). The target must be in one of the
 * link type's keyword groups and the source in none of the targeted groups (a power supply needs
 * nothing; the keyboard needs the power supply). Returns null when the pair is not eligible.
 */
export function scoreTargeted(
  type: Exclude<LinkType, 'related'>,
  source: Profile,
  target: Profile,
  rules: TargetedLinkRules,
  targetedGroups: Set<string>,
  withReasons = true,
): Scored | null {
  if (source === target || source.product.sku === target.product.sku) return null;
  if (isTargetItem(source, targetedGroups)) return null;
  const group = target.groups.find(
    (g) =>
      rules.groups.includes(g.name) && (source.allowedGroups === null || source.allowedGroups.has(g.name)),
  );
  if (!group) return null;
  const w = rules.weights;
  const reasons: string[] = [];
  let score = w.group;
  if (withReasons)
    reasons.push(`${type === 'necessities' ? 'needed' : 'accessory'}: ${group.name} ("${group.phrase}")`);
  let shared: string | undefined;
  for (const f of source.families) {
    if (target.namedFamilies.has(f)) {
      shared = f;
      break;
    }
  }
  if (shared !== undefined) {
    score += w.family;
    if (withReasons) reasons.push(`fits ${shared} ("${target.namedFamilies.get(shared)}")`);
  } else if (target.namedFamilies.size === 0) {
    score += w.genericFamily;
    if (withReasons) reasons.push('generic item (fits any instrument family)');
  }
  if (source.brand !== '' && source.brand === target.brand) {
    score += w.sameBrand;
    if (withReasons) reasons.push(`same brand (${source.product.brand})`);
  }
  const mention = target.codes.length === 0 ? undefined : source.codes.find((c) => target.codes.includes(c));
  if (mention !== undefined) {
    score += w.modelMention;
    if (withReasons) reasons.push(`names the model (${mention.toUpperCase()})`);
  }
  return { score: round(Math.min(1, score)), reasons };
}

/** A product that is itself a power supply, cable, stand, case… never gets necessities or accessories. */
export function isTargetItem(p: Profile, targetedGroups: Set<string>): boolean {
  if (p.isTarget !== undefined) return p.isTarget;
  for (const g of p.groupNames) if (targetedGroups.has(g)) return true;
  return false;
}

/**
 * Related (similar alternatives): both products are main products in the same universal category.
 * Score = same category + same source category + price within the window + same brand + name overlap.
 */
export function scoreRelated(
  source: Profile,
  target: Profile,
  rules: RelatedLinkRules,
  targetedGroups: Set<string>,
  withReasons = true,
): Scored | null {
  if (source === target || source.product.sku === target.product.sku) return null;
  if (source.product.category === null || source.product.category !== target.product.category) return null;
  if (isTargetItem(source, targetedGroups) || isTargetItem(target, targetedGroups)) return null;
  const w = rules.weights;
  let score = w.sameCategory;
  const sameSub = source.sourceCategoryKey !== '' && source.sourceCategoryKey === target.sourceCategoryKey;
  if (sameSub) score += w.sameSourceCategory;
  const a = source.product.price;
  const b = target.product.price;
  const similarPrice = a > 0 && b > 0 && Math.abs(a - b) / Math.max(a, b) <= rules.priceWindow;
  if (similarPrice) score += w.priceSimilar;
  const sameBrand = source.brand !== '' && source.brand === target.brand;
  if (sameBrand) score += w.sameBrand;
  if (!withReasons) {
    score += w.nameOverlap * jaccardValue(source.descriptive, target.descriptive);
    return { score: round(Math.min(1, score)), reasons: NO_REASONS };
  }
  const reasons = [`same category (${source.product.category})`];
  if (sameSub) reasons.push(`same subcategory (${target.product.sourceCategory})`);
  if (similarPrice) {
    reasons.push(
      `similar price (${money(b)} vs ${money(a)}, within ${Math.round(rules.priceWindow * 100)} %)`,
    );
  }
  if (sameBrand) reasons.push(`same brand (${source.product.brand})`);
  const overlap = jaccard(source.descriptive, target.descriptive);
  if (overlap.shared.length > 0) {
    score += w.nameOverlap * overlap.value;
    reasons.push(`name overlap ${Math.round(overlap.value * 100)} % (${overlap.shared.join(', ')})`);
  }
  return { score: round(Math.min(1, score)), reasons };
}

/** Jaccard similarity of two sorted unique string arrays, with the shared items. */
export function jaccard(a: readonly string[], b: readonly string[]): { value: number; shared: string[] } {
  const shared: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared.push(a[i]!);
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  const union = a.length + b.length - shared.length;
  return { value: union === 0 ? 0 : shared.length / union, shared };
}

/** {@link jaccard}'s value without allocating the shared list (hot path). */
export function jaccardValue(a: readonly string[], b: readonly string[]): number {
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  const union = a.length + b.length - shared;
  return union === 0 ? 0 : shared / union;
}
