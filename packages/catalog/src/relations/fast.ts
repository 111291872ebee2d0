import type { Profile } from './profile.js';
import type { RelatedLinkRules, RelationRules, TargetedLinkRules } from './rules.js';

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The profiles' comparable parts as integer ids, bit masks and typed arrays, so the candidate loop of a
 * large build compares numbers instead of strings, Sets and Maps (profiling a 100k build showed string
 * equality and pointer chasing dominating). Scores are the same terms added in the same order as
 * `scoreTargeted` / `scoreRelated` in score.ts (which still build the reasons), so values are identical;
 * `fast.test.ts` checks that on every pair of the demo.
 */
export class ProfileArrays {
  readonly brand: Int32Array;
  readonly category: Int32Array;
  readonly subcategory: Int32Array;
  readonly price: Float64Array;
  /** Bit g set: the product is in keyword group g (rules' group order). */
  readonly groupMask: Int32Array;
  /** Groups the product may need/use (all bits when unrestricted). */
  readonly allowedMask: Int32Array;
  /** Bit f set: the product belongs to family f / names family f. */
  readonly familyMask: Int32Array;
  readonly namedFamilyMask: Int32Array;
  /** Descriptive stems as sorted interned ids (Jaccard over numbers). */
  readonly descriptive: Int32Array[];
  /** Model codes as sorted interned ids (model mention = non-empty intersection). */
  readonly codes: Int32Array[];
  readonly #typeMask: Record<'necessities' | 'accessories', number>;

  constructor(
    readonly profiles: readonly Profile[],
    rules: RelationRules,
  ) {
    const n = profiles.length;
    const groupBit = bitIds(Object.keys(rules.keywordGroups));
    const familyBit = bitIds(Object.keys(rules.families));
    const strings = new Map<string, number>();
    // '' (unknown) gets -1 so two unknowns never count as "same".
    const intern = (s: string | null) => {
      if (s === null || s === '') return -1;
      let id = strings.get(s);
      if (id === undefined) {
        id = strings.size;
        strings.set(s, id);
      }
      return id;
    };
    const mask = (names: Iterable<string>, bits: Map<string, number>) => {
      let m = 0;
      for (const name of names) m |= bits.get(name) ?? 0;
      return m;
    };
    this.brand = new Int32Array(n);
    this.category = new Int32Array(n);
    this.subcategory = new Int32Array(n);
    this.price = new Float64Array(n);
    this.groupMask = new Int32Array(n);
    this.allowedMask = new Int32Array(n);
    this.familyMask = new Int32Array(n);
    this.namedFamilyMask = new Int32Array(n);
    this.descriptive = [];
    this.codes = [];
    profiles.forEach((p, i) => {
      this.brand[i] = intern(p.brand);
      this.category[i] = intern(p.product.category);
      this.subcategory[i] = intern(p.sourceCategoryKey);
      this.price[i] = p.product.price;
      this.groupMask[i] = mask(p.groupNames, groupBit);
      this.allowedMask[i] = p.allowedGroups === null ? -1 : mask(p.allowedGroups, groupBit);
      this.familyMask[i] = mask(p.families, familyBit);
      this.namedFamilyMask[i] = mask(p.namedFamilies.keys(), familyBit);
      this.descriptive.push(Int32Array.from(p.descriptive, (w) => intern(`\u0000${w}`)).sort());
      this.codes.push(Int32Array.from(p.codes, (c) => intern(`\u0001${c}`)).sort());
    });
    this.#typeMask = {
      necessities: mask(rules.necessities.groups, groupBit),
      accessories: mask(rules.accessories.groups, groupBit),
    };
  }

  /** Necessity/accessory score of target `t` for main product `s` (not a target item), or -1. */
  targeted(type: 'necessities' | 'accessories', s: number, t: number, rules: TargetedLinkRules): number {
    if (s === t || (this.groupMask[t]! & this.#typeMask[type] & this.allowedMask[s]!) === 0) return -1;
    const w = rules.weights;
    let score = w.group;
    if ((this.familyMask[s]! & this.namedFamilyMask[t]!) !== 0) score += w.family;
    else if (this.namedFamilyMask[t] === 0) score += w.genericFamily;
    if (this.brand[s] !== -1 && this.brand[s] === this.brand[t]) score += w.sameBrand;
    if (intersects(this.codes[s]!, this.codes[t]!)) score += w.modelMention;
    return round(Math.min(1, score));
  }

  /**
   * Related score of two main products, or -1 when not in the same category or certainly below
   * `threshold` (the name overlap, the only costly term, is skipped when even a full overlap could not
   * reach it; the 0.001 margin covers rounding to 3 decimals).
   */
  related(s: number, t: number, rules: RelatedLinkRules, threshold: number): number {
    if (s === t || this.category[s] === -1 || this.category[s] !== this.category[t]) return -1;
    const w = rules.weights;
    let score = w.sameCategory;
    if (this.subcategory[s] !== -1 && this.subcategory[s] === this.subcategory[t])
      score += w.sameSourceCategory;
    const a = this.price[s]!;
    const b = this.price[t]!;
    if (a > 0 && b > 0 && Math.abs(a - b) / Math.max(a, b) <= rules.priceWindow) score += w.priceSimilar;
    if (this.brand[s] !== -1 && this.brand[s] === this.brand[t]) score += w.sameBrand;
    if (Math.min(1, score + w.nameOverlap) < threshold - 0.001) return -1;
    score += w.nameOverlap * jaccardIds(this.descriptive[s]!, this.descriptive[t]!);
    return round(Math.min(1, score));
  }
}

function bitIds(names: readonly string[]): Map<string, number> {
  if (names.length > 31) throw new RangeError('at most 31 keyword groups / families are supported');
  return new Map(names.map((name, i) => [name, 1 << i]));
}

function intersects(a: Int32Array, b: Int32Array): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) return true;
    if (a[i]! < b[j]!) i++;
    else j++;
  }
  return false;
}

function jaccardIds(a: Int32Array, b: Int32Array): number {
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
