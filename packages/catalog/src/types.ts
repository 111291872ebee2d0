/** Where a record came from: file path (relative to the input directory) and 1-based line. */
export interface SourceRef {
  file: string;
  line: number;
}

/** A row of the commercial feed after validation. */
export interface CommercialRecord {
  sku: string;
  name: string;
  /** Canonical brand name (aliases resolved through the sources config). */
  brand: string;
  price: number;
  stock: number;
  sourceCategory: string;
  imageUrl: string;
  source: SourceRef;
}

export interface Manual {
  title: string;
  url: string;
  language?: string;
}

/** A record of a brand's official data. */
export interface OfficialRecord {
  brand: string;
  model: string;
  name: string;
  manuals: Manual[];
  gallery: string[];
  specs: Record<string, string>;
  source: SourceRef;
}

/** One merged product: commercial wins for price/stock, official for specs/manuals/gallery. */
export interface Product {
  sku: string;
  name: string;
  brand: string;
  price: number;
  stock: number;
  inStock: boolean;
  sourceCategory: string;
  /** One of the universal categories, or null when no rule mapped the source category. */
  category: string | null;
  imageUrl: string;
  official: {
    model: string;
    manuals: Manual[];
    gallery: string[];
    specs: Record<string, string>;
    matchScore: number;
  } | null;
}

/** A row that could not be imported, with the reason. Nothing valid is ever rejected. */
export interface Reject {
  file: string;
  line: number;
  reason: string;
  raw: string;
}

export const LINK_TYPES = ['necessities', 'accessories', 'related'] as const;
export type LinkType = (typeof LINK_TYPES)[number];

/** A directional link `from` → `to` with the score and the human-readable reasons that produced it. */
export interface Link {
  type: LinkType;
  from: string;
  to: string;
  score: number;
  reasons: string[];
}
