import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { mintToken } from '@ensemble/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnsembleNode } from '../../../runtime/node.js';
import { json, startTestNode, TEST_SECRET, tempDir } from '../../../test-support/node.js';

interface ErrorBody {
  error: { code: string; message: string };
}
interface Brands {
  status: string;
  brands: { brand: string; products: number; inStock: number }[];
  categories: { category: string; products: number }[];
}
interface Page {
  total: number;
  page: number;
  pageSize: number;
  items: { sku: string; name: string; brand: string; inStock: boolean; category: string | null }[];
}
interface Link {
  sku: string;
  reasons: string[];
  score: number;
}
interface Product {
  sku: string;
  brand: string;
  official_specs: Record<string, string>;
  necessities: Link[];
  accessories: Link[];
  related: Link[];
}

/** Polls until the background build of the demo catalog (started after listen) is ready. */
async function catalogReady(node: EnsembleNode, token: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    const r = await fetch(`${node.url}/api/v1/catalog/brands`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (r.status === 200) return;
    expect(r.status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('catalog never became ready');
}

describe('Catalog API', () => {
  let node: EnsembleNode;
  const dataDir = tempDir();
  let reader: string;
  let admin: string;
  let editorOnCatalog: string;
  const get = async (path: string, token = reader) =>
    fetch(`${node.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    node = await startTestNode({ jwtSecret: TEST_SECRET, dataDir }, { catalog: true });
    const mint = async (sub: string, rooms: Record<string, 'viewer' | 'editor' | 'admin'>) =>
      (await mintToken({ secret: TEST_SECRET, sub, rooms })).token;
    reader = await mint('reader', { 'catalog:*': 'viewer' });
    admin = await mint('admin', { catalog: 'admin' });
    editorOnCatalog = await mint('editor', { '*': 'editor' });
    await catalogReady(node, reader);
  }, 240_000);

  afterAll(async () => {
    await node?.close();
  });

  it('builds the demo catalog on first start and lists brands and categories', async () => {
    const body = await json<Brands>(await get('/api/v1/catalog/brands'));
    expect(body.status).toBe('ready');
    expect(body.brands.map((b) => b.brand)).toEqual(
      expect.arrayContaining(['Roland', 'BOSS', 'Nord', 'Yamaha', 'RCF', 'Bespeco']),
    );
    expect(body.categories).toHaveLength(8);
    expect(body.brands.reduce((n, b) => n + b.products, 0)).toBeGreaterThanOrEqual(300);
  });

  it('needs a token', async () => {
    const r = await fetch(`${node.url}/api/v1/catalog/products`);
    expect(r.status).toBe(401);
  });

  it('filters by brand, category and stock, searches text and paginates', async () => {
    const all = await json<Page>(await get('/api/v1/catalog/products?pageSize=100'));
    expect(all.items).toHaveLength(100);
    expect(all.total).toBeGreaterThan(300);
    const page2 = await json<Page>(await get('/api/v1/catalog/products?pageSize=100&page=2'));
    expect(page2.items[0]!.sku > all.items.at(-1)!.sku).toBe(true);

    const roland = await json<Page>(await get('/api/v1/catalog/products?brand=roland&pageSize=100'));
    expect(roland.total).toBeGreaterThan(0);
    expect(roland.items.every((p) => p.brand === 'Roland')).toBe(true);

    const keys = await json<Page>(
      await get(`/api/v1/catalog/products?category=${encodeURIComponent('Keys & Pianos')}`),
    );
    expect(keys.items.every((p) => p.category === 'Keys & Pianos')).toBe(true);

    const out = await json<Page>(await get('/api/v1/catalog/products?stock=out&pageSize=100'));
    expect(out.total).toBeGreaterThan(0);
    expect(out.items.every((p) => !p.inStock)).toBe(true);

    const fantom = await json<Page>(await get('/api/v1/catalog/products?q=fantom'));
    expect(fantom.total).toBeGreaterThan(0);
    expect(fantom.items.every((p) => /fantom/i.test(p.name))).toBe(true);

    const bad = await get('/api/v1/catalog/products?pageSize=1000');
    expect(bad.status).toBe(400);
  });

  it('returns one product with its relationships and reasons; 404 for an unknown SKU', async () => {
    const page = await json<Page>(await get('/api/v1/catalog/products?q=fantom'));
    const product = await json<Product>(
      await get(`/api/v1/catalog/products/${encodeURIComponent(page.items[0]!.sku)}`),
    );
    expect(product.sku).toBe(page.items[0]!.sku);
    const links = [...product.necessities, ...product.accessories, ...product.related];
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) expect(l.reasons.length).toBeGreaterThan(0);

    const missing = await get('/api/v1/catalog/products/NO-SUCH-SKU');
    expect(missing.status).toBe(404);
    expect((await json<ErrorBody>(missing)).error.code).toBe('ENSEMBLE_NOT_FOUND');
  });

  it('rebuild needs admin on room catalog', async () => {
    for (const token of [reader, editorOnCatalog]) {
      const r = await fetch(`${node.url}/api/v1/catalog/rebuild`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(r.status).toBe(403);
      expect((await json<ErrorBody>(r)).error.code).toBe('ENSEMBLE_FORBIDDEN');
    }
    const r = await fetch(`${node.url}/api/v1/catalog/rebuild`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(r.status).toBe(200);
    const body = await json<{ status: string; summary: { products: number } }>(r);
    expect(body.status).toBe('ready');
    expect(body.summary.products).toBeGreaterThan(300);
  }, 60_000);

  it('rebuilds in the background: requests are answered meanwhile, a second rebuild is a 409', async () => {
    const post = (query = '') =>
      fetch(`${node.url}/api/v1/catalog/rebuild${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}` },
      });
    interface Progress {
      status: string;
      rebuild: { running: boolean; phase?: string; error?: string; finishedAt?: string };
    }
    const started = await post('?wait=false');
    expect(started.status).toBe(202);
    expect((await json<Progress>(started)).rebuild.running).toBe(true);

    // While the worker builds, the node answers reads (the old catalog) …
    const page = await get('/api/v1/catalog/products?q=fantom');
    expect(page.status).toBe(200);
    expect((await json<Page>(page)).total).toBeGreaterThan(0);
    // … and refuses a second rebuild; the build was still running after those answers.
    const second = await post();
    expect(second.status).toBe(409);
    const refused = await json<ErrorBody & { error: { details: Progress } }>(second);
    expect(refused.error.code).toBe('ENSEMBLE_CATALOG_REBUILD_RUNNING');
    expect(refused.error.details.rebuild.running).toBe(true);

    let progress: Progress | undefined;
    for (let i = 0; i < 600; i++) {
      progress = await json<Progress>(await get('/api/v1/catalog/rebuild', admin));
      if (!progress.rebuild.running) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(progress).toMatchObject({ status: 'ready', rebuild: { running: false } });
    expect(progress!.rebuild.error).toBeUndefined();
    expect((await get('/api/v1/catalog/rebuild')).status).toBe(403);
  }, 90_000);

  it('keeps the export in the data dir and loads it on the next start', async () => {
    expect(existsSync(join(dataDir, 'catalog', 'index.json'))).toBe(true);
    const before = await json<Brands>(await get('/api/v1/catalog/brands'));
    await node.close();
    node = await startTestNode({ jwtSecret: TEST_SECRET, dataDir }, { catalog: true });
    await catalogReady(node, reader);
    expect(await json<Brands>(await get('/api/v1/catalog/brands'))).toEqual(before);
  }, 240_000);
});
