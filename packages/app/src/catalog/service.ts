import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  type BrandFile,
  type BuildSummary,
  buildCatalog,
  type CatalogIndex,
  DEMO_CATALOG_DIR,
  type ExportedProduct,
  SOURCES_FILE,
  writeCatalog,
} from '@ensemble/catalog';
import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import type { Logger } from '../runtime/logger.js';
import { type ProductPage, type ProductQuery, queryProducts, searchText } from './query.js';

export type CatalogStatus = 'empty' | 'building' | 'ready' | 'failed';

export interface BrandInfo {
  brand: string;
  products: number;
  inStock: number;
}

interface Loaded {
  summary: BuildSummary;
  products: ExportedProduct[];
  texts: string[];
  bySku: Map<string, ExportedProduct>;
  brands: BrandInfo[];
  categories: { category: string; products: number }[];
}

/**
 * The catalog as the HTTP API serves it: the export of `ensemble catalog build` in `<dataDir>/catalog/`,
 * loaded into memory with a search text per product. On first start there is no export yet, so the
 * bundled demo (or `<dataDir>/catalog-source/` when it holds a `sources.json`) is built. A rebuild
 * writes a fresh export next to the live one and swaps directories, so readers never see half a build.
 */
export class CatalogService {
  #status: CatalogStatus = 'empty';
  #loaded: Loaded | undefined;
  #building: Promise<BuildSummary> | undefined;
  #error: string | undefined;

  constructor(
    readonly dataDir: string,
    private readonly log: Logger,
  ) {}

  get status(): CatalogStatus {
    return this.#status;
  }

  get error(): string | undefined {
    return this.#error;
  }

  get summary(): BuildSummary | undefined {
    return this.#loaded?.summary;
  }

  get outDir(): string {
    return join(this.dataDir, 'catalog');
  }

  /** Where a rebuild reads from: an operator-provided source dir, else the demo. */
  get sourceDir(): string {
    const custom = join(this.dataDir, 'catalog-source');
    return existsSync(join(custom, SOURCES_FILE)) ? custom : DEMO_CATALOG_DIR;
  }

  /** Loads the existing export, or builds one when there is none (first start). Never throws. */
  async start(): Promise<void> {
    try {
      if (existsSync(join(this.outDir, 'index.json'))) {
        this.#loaded = readExport(this.outDir);
        this.#status = 'ready';
        this.log.info({ products: this.#loaded.products.length }, 'catalog: loaded the existing export');
        return;
      }
      this.log.info({ source: this.sourceDir }, 'catalog: no export yet, building the catalog');
      await this.rebuild();
    } catch (error) {
      this.#status = 'failed';
      this.#error = error instanceof Error ? error.message : String(error);
      this.log.error({ err: error }, 'catalog: start failed');
    }
  }

  /** Builds from `sourceDir` and swaps the export in; concurrent calls share one build. */
  rebuild(): Promise<BuildSummary> {
    this.#building ??= this.#rebuild().finally(() => {
      this.#building = undefined;
    });
    return this.#building;
  }

  async #rebuild(): Promise<BuildSummary> {
    this.#status = 'building';
    // Yield once so the caller (startup, a request) finishes before the synchronous build runs.
    await new Promise((resolve) => setImmediate(resolve));
    const next = `${this.outDir}.next`;
    const old = `${this.outDir}.old`;
    try {
      const started = Date.now();
      const result = buildCatalog({
        inDir: this.sourceDir,
        onPhase: (phase) => this.log.info({ phase }, `catalog: ${phase}`),
      });
      rmSync(next, { recursive: true, force: true });
      writeCatalog(next, result);
      rmSync(old, { recursive: true, force: true });
      if (existsSync(this.outDir)) renameSync(this.outDir, old);
      renameSync(next, this.outDir);
      rmSync(old, { recursive: true, force: true });
      this.#loaded = readExport(this.outDir);
      this.#status = 'ready';
      this.#error = undefined;
      this.log.info(
        { ...result.summary.links, products: result.summary.products, ms: Date.now() - started },
        'catalog: built',
      );
      return result.summary;
    } catch (error) {
      // A failed rebuild keeps serving the previous export.
      this.#status = this.#loaded ? 'ready' : 'failed';
      this.#error = error instanceof Error ? error.message : String(error);
      throw error;
    }
  }

  #require(): Loaded {
    if (this.#loaded) return this.#loaded;
    throw new EnsembleError(
      ErrorCode.NotReady,
      this.#status === 'failed'
        ? `the catalog failed to build: ${this.#error}`
        : 'the catalog is still loading',
    );
  }

  brands(): { brands: BrandInfo[]; categories: { category: string; products: number }[] } {
    const { brands, categories } = this.#require();
    return { brands, categories };
  }

  products(query: ProductQuery): ProductPage {
    const loaded = this.#require();
    return queryProducts(loaded.products, loaded.texts, query);
  }

  product(sku: string): ExportedProduct {
    const p = this.#require().bySku.get(sku);
    if (!p) throw new EnsembleError(ErrorCode.NotFound, `no product with SKU ${sku}`);
    return p;
  }
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function readExport(dir: string): Loaded {
  const index = readJson<CatalogIndex>(join(dir, 'index.json'));
  const products: ExportedProduct[] = [];
  const brands: BrandInfo[] = [];
  for (const b of index.brands) {
    const file = readJson<BrandFile>(join(dir, b.file));
    products.push(...file.products);
    brands.push({
      brand: b.brand,
      products: file.products.length,
      inStock: file.products.filter((p) => p.inStock).length,
    });
  }
  products.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  const counts = new Map<string, number>();
  for (const p of products) if (p.category) counts.set(p.category, (counts.get(p.category) ?? 0) + 1);
  return {
    summary: index.summary,
    products,
    texts: products.map(searchText),
    bySku: new Map(products.map((p) => [p.sku, p])),
    brands,
    categories: [...counts]
      .map(([category, n]) => ({ category, products: n }))
      .sort((a, b) => (a.category < b.category ? -1 : 1)),
  };
}

const services = new WeakMap<object, CatalogService>();

/** One catalog per running node (keyed by its AppContext), shared by the routes and the startup hook. */
export function catalogFor(ctx: { config: { dataDir: string }; log: Logger }): CatalogService {
  let service = services.get(ctx);
  if (!service) {
    service = new CatalogService(ctx.config.dataDir, ctx.log);
    services.set(ctx, service);
  }
  return service;
}
