import { brandKey } from '../match/features.js';

/** Resolves brand spellings of the feed (`Roland Corp.`, `BOSS`, `boss`) to the canonical brand names. */
export class BrandResolver {
  readonly #byKey = new Map<string, string>();

  constructor(brands: readonly { brand: string; aliases: readonly string[] }[]) {
    for (const b of brands) {
      this.#byKey.set(brandKey(b.brand), b.brand);
      for (const alias of b.aliases) this.#byKey.set(brandKey(alias), b.brand);
    }
  }

  /** The canonical brand, or the trimmed input when the brand has no official source. */
  resolve(name: string): string {
    return this.#byKey.get(brandKey(name)) ?? name.trim();
  }
}

/** File-system-safe slug of a brand (`Roland` → `roland`, `Nord Keyboards` → `nord-keyboards`). */
export function brandSlug(brand: string): string {
  return brandKey(brand).replace(/ /g, '-') || 'unknown';
}
