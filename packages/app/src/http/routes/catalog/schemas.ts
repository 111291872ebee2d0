import { z } from 'zod';

export const statusSchema = z
  .enum(['empty', 'building', 'ready', 'failed'])
  .describe('`building` on first start while the demo catalog is built; reads answer 503 until `ready`');

const linkCounts = z.object({ necessities: z.number(), accessories: z.number(), related: z.number() });

export const brandsResponse = z.object({
  status: statusSchema,
  brands: z.array(z.object({ brand: z.string(), products: z.number(), inStock: z.number() })),
  categories: z.array(z.object({ category: z.string(), products: z.number() })),
});

export const productSummary = z.object({
  sku: z.string(),
  name: z.string(),
  brand: z.string(),
  price: z.number(),
  stock: z.number(),
  inStock: z.boolean(),
  category: z.string().nullable(),
  image_url: z.string(),
  model: z.string().nullable(),
  links: linkCounts.describe('How many links of each type the product has'),
});

export const productsQuery = z.object({
  brand: z.string().min(1).optional(),
  category: z.string().min(1).optional(),
  stock: z.enum(['in', 'out']).optional(),
  q: z
    .string()
    .max(200)
    .optional()
    .describe('Words matched at word starts in SKU, name, brand, model, categories'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(24),
});

export const productsResponse = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(productSummary),
});

const link = z.object({
  sku: z.string(),
  name: z.string(),
  price: z.number(),
  category: z.string().nullable(),
  brand: z.string(),
  image_url: z.string(),
  inStock: z.boolean(),
  score: z.number(),
  reasons: z.array(z.string()).describe('Why the link exists, one rule per entry'),
});

/** The exported product shape (docs/catalog-export.schema.json). */
export const productResponse = z.object({
  sku: z.string(),
  name: z.string(),
  brand: z.string(),
  price: z.number(),
  stock: z.number(),
  inStock: z.boolean(),
  category: z.string().nullable(),
  source_category: z.string(),
  image_url: z.string(),
  model: z.string().nullable(),
  match_score: z.number().nullable(),
  official_manuals: z.array(
    z.object({ title: z.string(), url: z.string(), language: z.string().optional() }),
  ),
  official_gallery: z.array(z.string()),
  official_specs: z.record(z.string(), z.string()),
  necessities: z.array(link),
  accessories: z.array(link),
  related: z.array(link),
});

export const rebuildResponse = z.object({
  status: statusSchema,
  summary: z.object({
    products: z.number(),
    brands: z.number(),
    matchedPercent: z.number(),
    links: linkCounts,
    rejects: z.number(),
  }),
});

export const rebuildProgress = z
  .object({
    running: z.boolean(),
    phase: z
      .enum(['import', 'merge', 'categories', 'links', 'write', 'swap'])
      .optional()
      .describe('Phase of the running build (it runs in a worker thread)'),
    startedAt: z.string().optional(),
    finishedAt: z.string().optional(),
    error: z
      .string()
      .optional()
      .describe('Why the last rebuild failed (the previous catalog is still served)'),
    version: z
      .number()
      .optional()
      .describe('Version of the served catalog in the shared database (with DATABASE_URL only)'),
  })
  .describe("This node's current or last rebuild");

export const rebuildQuery = z.object({
  wait: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true')
    .describe('`false`: answer 202 at once and poll `GET /api/v1/catalog/rebuild`'),
});

export const rebuildStatusResponse = z.object({ status: statusSchema, rebuild: rebuildProgress });
