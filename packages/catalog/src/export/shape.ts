import type { LinkSet } from '../relations/engine.js';
import type { Link, Manual, Product } from '../types.js';

/** A link as exported: the target's card plus the score and reasons. */
export interface ExportedLink {
  sku: string;
  name: string;
  price: number;
  category: string | null;
  brand: string;
  image_url: string;
  inStock: boolean;
  score: number;
  reasons: string[];
}

export interface ExportedProduct {
  sku: string;
  name: string;
  brand: string;
  price: number;
  stock: number;
  inStock: boolean;
  category: string | null;
  source_category: string;
  image_url: string;
  model: string | null;
  match_score: number | null;
  official_manuals: Manual[];
  official_gallery: string[];
  official_specs: Record<string, string>;
  necessities: ExportedLink[];
  accessories: ExportedLink[];
  related: ExportedLink[];
}

export function exportLink(link: Link, target: Product): ExportedLink {
  return {
    sku: target.sku,
    name: target.name,
    price: target.price,
    category: target.category,
    brand: target.brand,
    image_url: target.imageUrl,
    inStock: target.inStock,
    score: link.score,
    reasons: link.reasons,
  };
}

/** The product shape of `<brand>.json`; key order is fixed so output is byte-stable. */
export function exportProduct(
  product: Product,
  links: LinkSet,
  bySku: Map<string, Product>,
): ExportedProduct {
  const card = (l: Link) => exportLink(l, bySku.get(l.to)!);
  return {
    sku: product.sku,
    name: product.name,
    brand: product.brand,
    price: product.price,
    stock: product.stock,
    inStock: product.inStock,
    category: product.category,
    source_category: product.sourceCategory,
    image_url: product.imageUrl,
    model: product.official?.model ?? null,
    match_score: product.official?.matchScore ?? null,
    official_manuals: product.official?.manuals ?? [],
    official_gallery: product.official?.gallery ?? [],
    official_specs: product.official?.specs ?? {},
    necessities: links.necessities.map(card),
    accessories: links.accessories.map(card),
    related: links.related.map(card),
  };
}
