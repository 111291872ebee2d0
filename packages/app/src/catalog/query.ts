import type { ExportedProduct } from '@ensemble/catalog';
import { foldText } from '@ensemble/catalog';

/** A product as listed (the grid card), without its relationships. */
export interface ProductSummary {
  sku: string;
  name: string;
  brand: string;
  price: number;
  stock: number;
  inStock: boolean;
  category: string | null;
  image_url: string;
  model: string | null;
  links: { necessities: number; accessories: number; related: number };
}

export interface ProductQuery {
  brand?: string | undefined;
  category?: string | undefined;
  stock?: 'in' | 'out' | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export interface ProductPage {
  total: number;
  page: number;
  pageSize: number;
  items: ProductSummary[];
}

export function summarize(p: ExportedProduct): ProductSummary {
  return {
    sku: p.sku,
    name: p.name,
    brand: p.brand,
    price: p.price,
    stock: p.stock,
    inStock: p.inStock,
    category: p.category,
    image_url: p.image_url,
    model: p.model,
    links: {
      necessities: p.necessities.length,
      accessories: p.accessories.length,
      related: p.related.length,
    },
  };
}

/** Folded words a product is found by: SKU, name, brand, model, categories (accent- and case-insensitive). */
export function searchText(p: ExportedProduct): string {
  return ` ${foldText([p.sku, p.name, p.brand, p.model ?? '', p.category ?? '', p.source_category].join(' '))} `;
}

/**
 * Filters and pages products (already sorted by SKU). Text search: every folded query word must start a
 * word of the product's search text (`fant` and `FANTOM-06` both find "Roland FANTOM-06"); brand and
 * category compare case-insensitively.
 */
export function queryProducts(
  products: readonly ExportedProduct[],
  texts: readonly string[],
  q: ProductQuery,
): ProductPage {
  const words = q.q
    ? foldText(q.q)
        .split(' ')
        .filter((w) => w !== '')
    : [];
  const brand = q.brand?.toLowerCase();
  const category = q.category?.toLowerCase();
  const hits: ExportedProduct[] = [];
  products.forEach((p, i) => {
    if (brand !== undefined && p.brand.toLowerCase() !== brand) return;
    if (category !== undefined && (p.category ?? '').toLowerCase() !== category) return;
    if (q.stock === 'in' && !p.inStock) return;
    if (q.stock === 'out' && p.inStock) return;
    const text = texts[i]!;
    for (const w of words) if (!text.includes(` ${w}`)) return;
    hits.push(p);
  });
  const start = (q.page - 1) * q.pageSize;
  return {
    total: hits.length,
    page: q.page,
    pageSize: q.pageSize,
    items: hits.slice(start, start + q.pageSize).map(summarize),
  };
}
