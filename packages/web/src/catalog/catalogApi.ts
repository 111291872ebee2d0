/**
 * The Catalog API (`/api/v1/catalog`, see docs/catalog.md) as typed calls. Shapes mirror the server's
 * zod schemas in packages/app/src/http/routes/catalog/schemas.ts.
 */
import { request } from '../api';

export type LinkType = 'necessities' | 'accessories' | 'related';

export interface BrandInfo {
  brand: string;
  products: number;
  inStock: number;
}

export interface BrandsResponse {
  status: 'empty' | 'building' | 'ready' | 'failed';
  brands: BrandInfo[];
  categories: { category: string; products: number }[];
}

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
  links: Record<LinkType, number>;
}

export interface ProductPage {
  total: number;
  page: number;
  pageSize: number;
  items: ProductSummary[];
}

export interface ProductLink {
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

export interface Product {
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
  official_manuals: { title: string; url: string; language?: string }[];
  official_gallery: string[];
  official_specs: Record<string, string>;
  necessities: ProductLink[];
  accessories: ProductLink[];
  related: ProductLink[];
}

export interface ProductFilters {
  brand?: string;
  category?: string;
  stock?: 'in' | 'out';
  q?: string;
  page?: number;
  pageSize?: number;
}

export function getBrands(token: string, signal?: AbortSignal): Promise<BrandsResponse> {
  return request<BrandsResponse>('/api/v1/catalog/brands', { token, signal });
}

export function getProducts(
  token: string,
  filters: ProductFilters,
  signal?: AbortSignal,
): Promise<ProductPage> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return request<ProductPage>(`/api/v1/catalog/products?${params}`, { token, signal });
}

export function getProduct(token: string, sku: string, signal?: AbortSignal): Promise<Product> {
  return request<Product>(`/api/v1/catalog/products/${encodeURIComponent(sku)}`, { token, signal });
}

export function formatPrice(price: number): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(price);
}

/** The relationship grids, in page order, with how each one is presented. */
export const LINK_SECTIONS: { type: LinkType; title: string; tone: 'required' | 'accessory' | 'related' }[] =
  [
    { type: 'necessities', title: 'Required to use it', tone: 'required' },
    { type: 'accessories', title: 'Accessories', tone: 'accessory' },
    { type: 'related', title: 'Related products', tone: 'related' },
  ];
