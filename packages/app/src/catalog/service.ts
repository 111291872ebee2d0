import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  type BrandFile,
  type BuildSummary,
  type CatalogIndex,
  DEMO_CATALOG_DIR,
  type ExportedProduct,
  SOURCES_FILE,
} from '@ensemble/catalog';
import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import type { Database } from '@ensemble/storage';
import type { Logger } from '../runtime/logger.js';
import type { BuildPhase } from './build-messages.js';
import { buildInWorker } from './build-runner.js';
import { type ProductPage, type ProductQuery, queryProducts, searchText } from './query.js';
import { type CatalogStore, databaseCatalogStore } from './shared-store.js';

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

/** What `GET /api/v1/catalog/rebuild` reports about the current or last rebuild of this node. */
export interface RebuildProgress {
  running: boolean;
  /** Phase of the running build (`import`, `merge`, `categories`, `links`, `write`, then `swap`). */
  phase: BuildPhase | 'swap' | undefined;
  startedAt: string | undefined;
  finishedAt: string | undefined;
  error: string | undefined;
  /** Version of the served catalog in the shared database (undefined without one). */
  version: number | undefined;
}

/** Refusal of a rebuild while one is running on this node (HTTP 409). */
export class RebuildRunningError extends Error {
  readonly code = 'ENSEMBLE_CATALOG_REBUILD_RUNNING';
  constructor(readonly progress: RebuildProgress) {
    super(
      `a catalog rebuild is already running (phase ${progress.phase ?? 'starting'}, since ${progress.startedAt})`,
    );
  }
}

export interface CatalogServiceOptions {
  /** Shared store of published exports (Postgres); absent = this node's data dir only. */
  store?: CatalogStore | undefined;
  /** How often the store is polled for a newer version. */
  syncIntervalMs?: number;
  /** Runs a build (tests inject a controllable one); default: a worker thread. */
  build?: typeof buildInWorker;
}

/**
 * The catalog as the HTTP API serves it: the export of `ensemble catalog build` in `<dataDir>/catalog/`,
 * loaded into memory with a search text per product. On first start there is no export yet, so the
 * bundled demo (or `<dataDir>/catalog-source/` when it holds a `sources.json`) is built.
 *
 * Builds run in a worker thread (`build-runner.ts`), so the event loop keeps serving while one runs; one
 * build at a time per node. The worker writes `catalog.next`, the main thread loads it and only then swaps
 * directories and the in-memory catalog, so readers never see half a build.
 *
 * With a shared store (several nodes on one Postgres) a node that builds publishes the export as a new
 * version; every node polls the newest version and installs it the same way (`#sync`).
 */
export class CatalogService {
  #status: CatalogStatus = 'empty';
  #loaded: Loaded | undefined;
  #building: Promise<BuildSummary> | undefined;
  #error: string | undefined;
  #progress: RebuildProgress = {
    running: false,
    phase: undefined,
    startedAt: undefined,
    finishedAt: undefined,
    error: undefined,
    version: undefined,
  };
  #timer: NodeJS.Timeout | undefined;
  #syncing: Promise<void> | undefined;
  #stopped = false;
  #store: CatalogStore | undefined;
  readonly #build: typeof buildInWorker;
  readonly #syncIntervalMs: number;

  constructor(
    readonly dataDir: string,
    private readonly log: Logger,
    options: CatalogServiceOptions = {},
  ) {
    this.#store = options.store;
    this.#build = options.build ?? buildInWorker;
    this.#syncIntervalMs = options.syncIntervalMs ?? 5_000;
  }

  get status(): CatalogStatus {
    return this.#status;
  }

  get error(): string | undefined {
    return this.#error;
  }

  get summary(): BuildSummary | undefined {
    return this.#loaded?.summary;
  }

  get progress(): RebuildProgress {
    return { ...this.#progress };
  }

  get outDir(): string {
    return join(this.dataDir, 'catalog');
  }

  /** Where a rebuild reads from: an operator-provided source dir, else the demo. */
  get sourceDir(): string {
    const custom = join(this.dataDir, 'catalog-source');
    return existsSync(join(custom, SOURCES_FILE)) ? custom : DEMO_CATALOG_DIR;
  }

  /**
   * Loads the newest published version (shared store), else the existing export, else builds one (first
   * start); then starts polling the store. Never throws.
   */
  async start(): Promise<void> {
    if (this.#store) {
      try {
        await this.#store.latestVersion();
      } catch (error) {
        // E.g. the migration with the catalog tables is not applied: serve this node's own catalog.
        this.log.warn({ err: error }, 'catalog: shared catalog store unavailable, not propagating rebuilds');
        this.#store = undefined;
      }
    }
    try {
      if (this.#store && (await this.#sync())) {
        // Installed the shared version.
      } else if (existsSync(join(this.outDir, 'index.json'))) {
        this.#install(readExport(this.outDir));
        this.log.info({ products: this.#loaded!.products.length }, 'catalog: loaded the existing export');
        if (this.#store) await this.#publish(this.outDir, this.#loaded!.summary);
      } else {
        this.log.info({ source: this.sourceDir }, 'catalog: no export yet, building the catalog');
        await this.rebuild();
      }
    } catch (error) {
      if (!this.#loaded) this.#status = 'failed';
      this.#error = error instanceof Error ? error.message : String(error);
      this.log.error({ err: error }, 'catalog: start failed');
    }
    if (this.#store && !this.#stopped) {
      this.#timer = setInterval(() => {
        void this.#sync().catch((error: unknown) =>
          this.log.warn({ err: error }, 'catalog: checking the shared catalog version failed'),
        );
      }, this.#syncIntervalMs);
      this.#timer.unref();
    }
  }

  /** Stops polling; a running build finishes (its worker ends on its own). */
  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /**
   * Starts a rebuild from `sourceDir` in a worker thread and resolves with its summary once the new export
   * is served. Refused with {@link RebuildRunningError} while another rebuild runs on this node.
   */
  rebuild(): Promise<BuildSummary> {
    if (this.#building) return Promise.reject(new RebuildRunningError(this.progress));
    const started = new Date();
    this.#progress = {
      ...this.#progress,
      running: true,
      phase: undefined,
      startedAt: started.toISOString(),
      finishedAt: undefined,
      error: undefined,
    };
    this.#building = this.#rebuild(started).finally(() => {
      this.#building = undefined;
      this.#progress = { ...this.#progress, running: false, finishedAt: new Date().toISOString() };
    });
    return this.#building;
  }

  async #rebuild(started: Date): Promise<BuildSummary> {
    if (!this.#loaded) this.#status = 'building';
    const next = `${this.outDir}.next`;
    try {
      rmSync(next, { recursive: true, force: true });
      const summary = await this.#build({ inDir: this.sourceDir, outDir: next }, (phase) => {
        this.#progress = { ...this.#progress, phase };
        this.log.info({ phase }, `catalog: ${phase}`);
      });
      this.#progress = { ...this.#progress, phase: 'swap' };
      // Published before it is swapped in: the directory is moved by the swap.
      if (this.#store) await this.#publish(next, summary);
      this.#swapIn(next);
      this.log.info(
        { ...summary.links, products: summary.products, ms: Date.now() - started.getTime() },
        'catalog: built',
      );
      return summary;
    } catch (error) {
      rmSync(next, { recursive: true, force: true });
      // A failed rebuild keeps serving the previous export.
      this.#status = this.#loaded ? 'ready' : 'failed';
      this.#error = error instanceof Error ? error.message : String(error);
      this.#progress = { ...this.#progress, error: this.#error };
      throw error;
    }
  }

  /** Loads the export in `next` (a bad export throws here, before anything changes), then swaps it in. */
  #swapIn(next: string): void {
    const loaded = readExport(next);
    const old = `${this.outDir}.old`;
    rmSync(old, { recursive: true, force: true });
    if (existsSync(this.outDir)) renameSync(this.outDir, old);
    renameSync(next, this.outDir);
    rmSync(old, { recursive: true, force: true });
    this.#install(loaded);
  }

  #install(loaded: Loaded): void {
    this.#loaded = loaded;
    this.#status = 'ready';
    this.#error = undefined;
  }

  async #publish(dir: string, summary: BuildSummary): Promise<void> {
    try {
      const version = await this.#store!.publish(dir, summary);
      this.#progress = { ...this.#progress, version };
      this.log.info({ version }, 'catalog: published to the shared database');
    } catch (error) {
      // The node still serves its own build; the others keep theirs until a later publish succeeds.
      this.log.warn({ err: error }, 'catalog: publishing to the shared database failed');
    }
  }

  /**
   * Installs the store's newest version when it is newer than the one served. One check at a time, never
   * during a local build (that build publishes a newer version anyway). True when a version was installed.
   */
  #sync(): Promise<boolean> {
    if (!this.#store || this.#building || this.#syncing) return Promise.resolve(false);
    const store = this.#store;
    let installed = false;
    this.#syncing = (async () => {
      const latest = await store.latestVersion();
      if (
        latest === undefined ||
        (this.#progress.version !== undefined && latest <= this.#progress.version)
      ) {
        return;
      }
      // Not `catalog.next`: a local build may start meanwhile and write there.
      const next = `${this.outDir}.sync`;
      rmSync(next, { recursive: true, force: true });
      try {
        const version = await store.fetchLatest(next);
        if (version === undefined || this.#building || this.#stopped) return;
        this.#swapIn(next);
        this.#progress = { ...this.#progress, version };
        installed = true;
        this.log.info(
          { version, products: this.#loaded!.products.length },
          'catalog: installed the shared version',
        );
      } finally {
        rmSync(next, { recursive: true, force: true });
      }
    })().finally(() => {
      this.#syncing = undefined;
    });
    return this.#syncing.then(() => installed);
  }

  /** Checks the shared store now instead of waiting for the next poll (tests, operators). */
  async syncNow(): Promise<boolean> {
    await this.#syncing;
    return this.#sync();
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

/**
 * One catalog per running node (keyed by its AppContext), shared by the routes and the startup hook. With
 * a Postgres database (`DATABASE_URL`, possibly shared by several nodes) rebuilds are published there; the
 * embedded PGlite belongs to one node, so there is nobody to propagate to.
 */
export function catalogFor(ctx: {
  config: { dataDir: string; catalogSyncIntervalMs?: number | undefined };
  db?: Database | undefined;
  log: Logger;
}): CatalogService {
  let service = services.get(ctx);
  if (!service) {
    service = new CatalogService(ctx.config.dataDir, ctx.log, {
      store: ctx.db?.kind === 'postgres' ? databaseCatalogStore(ctx.db) : undefined,
      ...(ctx.config.catalogSyncIntervalMs ? { syncIntervalMs: ctx.config.catalogSyncIntervalMs } : {}),
    });
    services.set(ctx, service);
  }
  return service;
}
