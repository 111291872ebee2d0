import { z } from 'zod';
import { parseWithSchema } from '../schema-error.js';

export const FORMATS = ['csv', 'json', 'jsonl'] as const;
export type SourceFormat = (typeof FORMATS)[number];

const commercialColumns = z
  .object({
    sku: z.string(),
    name: z.string(),
    brand: z.string(),
    price: z.string(),
    stock: z.string(),
    category: z.string(),
    image: z.string(),
  })
  .partial()
  .strict();

const officialFields = z
  .object({
    model: z.string(),
    name: z.string(),
    manuals: z.string(),
    gallery: z.string(),
    specs: z.string(),
  })
  .partial()
  .strict();

const fileSource = {
  /** Path relative to the directory holding the sources config. */
  file: z.string().min(1),
  /** Defaults to the file extension. */
  format: z.enum(FORMATS).optional(),
  /** Defaults to detection (UTF-8, else chardet). */
  encoding: z.string().optional(),
  delimiter: z.string().length(1).optional(),
};

export const commercialSourceSchema = z
  .object({ ...fileSource, columns: commercialColumns.optional() })
  .strict();

export const brandSourceSchema = z
  .object({
    brand: z.string().min(1),
    /** Other spellings of the brand in the commercial feed (`BOSS Corporation`, `Roland Corp.`). */
    aliases: z.array(z.string().min(1)).default([]),
    ...fileSource,
    fields: officialFields.optional(),
  })
  .strict();

export const sourcesConfigSchema = z
  .object({
    commercial: z.array(commercialSourceSchema).min(1),
    brands: z.array(brandSourceSchema),
  })
  .strict();

export type CommercialSourceConfig = z.output<typeof commercialSourceSchema>;
export type BrandSourceConfig = z.output<typeof brandSourceSchema>;
export type SourcesConfig = z.output<typeof sourcesConfigSchema>;

export const DEFAULT_COMMERCIAL_COLUMNS = {
  sku: 'sku',
  name: 'name',
  brand: 'brand',
  price: 'price',
  stock: 'stock',
  category: 'category',
  image: 'image',
} as const;

export const DEFAULT_OFFICIAL_FIELDS = {
  model: 'model',
  name: 'name',
  manuals: 'manuals',
  gallery: 'gallery',
  specs: 'specs',
} as const;

export function parseSourcesConfig(value: unknown, file = 'sources.json'): SourcesConfig {
  return parseWithSchema(sourcesConfigSchema, value, file);
}

export function formatOf(file: string, format: SourceFormat | undefined): SourceFormat {
  if (format) return format;
  const lower = file.toLowerCase();
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.json')) return 'json';
  return 'csv';
}
