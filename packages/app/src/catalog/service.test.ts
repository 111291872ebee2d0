/**
 * The catalog service off the main thread and across nodes: rebuilds run in a worker thread (the event
 * loop keeps turning; a synchronous in-thread build is the control), a second rebuild is refused, and a
 * build published to the shared store is installed by another node. No wall-clock assertions: event-loop
 * turns are counted against a control, and propagation is driven with `syncNow()`.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCatalog, DEMO_CATALOG_DIR, writeCatalog } from '@ensemble/catalog';
import { migrate } from '@ensemble/storage';
import { backends } from '@ensemble/storage/test-support';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/node.js';
import { CatalogService, RebuildRunningError } from './service.js';
import { databaseCatalogStore } from './shared-store.js';

const log = pino({ level: 'silent' });

/** Turns of the event loop (setImmediate round trips) while `work` is pending. */
async function loopTurnsDuring(work: () => Promise<unknown>): Promise<number> {
  let turns = 0;
  let done = false;
  const spin = (async () => {
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve));
      turns++;
    }
  })();
  try {
    await work();
  } finally {
    done = true;
    await spin;
  }
  return turns;
}

describe('catalog rebuild in a worker thread', () => {
  it('keeps the event loop turning while the build runs; an in-thread build (control) does not', async () => {
    const service = new CatalogService(tempDir(), log);
    let summary: Awaited<ReturnType<CatalogService['rebuild']>> | undefined;
    const during = await loopTurnsDuring(async () => {
      summary = await service.rebuild();
    });
    expect(summary?.products).toBeGreaterThanOrEqual(300);
    expect(service.status).toBe('ready');
    expect(service.product('RO-1010').sku).toBe('RO-1010');

    // Control: the same build on this thread (what the service did before). The loop cannot turn while it
    // runs: the only turns counted are the one before it starts and the one after it ends.
    const control = await loopTurnsDuring(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      writeCatalog(join(tempDir(), 'out'), buildCatalog({ inDir: DEMO_CATALOG_DIR }));
    });
    expect(control).toBeLessThanOrEqual(2);
    expect(during).toBeGreaterThan(20 * control);
  }, 120_000);

  it('refuses a second rebuild while one runs, and reports progress', async () => {
    const service = new CatalogService(tempDir(), log);
    const phases: string[] = [];
    const first = service.rebuild();
    expect(service.progress.running).toBe(true);
    await expect(service.rebuild()).rejects.toBeInstanceOf(RebuildRunningError);
    const timer = setInterval(() => {
      const phase = service.progress.phase;
      if (phase && phases.at(-1) !== phase) phases.push(phase);
    }, 1);
    await first;
    clearInterval(timer);
    expect(service.progress).toMatchObject({ running: false, error: undefined });
    expect(service.progress.finishedAt).toBeDefined();
    // Phases come in order (a fast phase may fall between two samples).
    const order = ['import', 'merge', 'categories', 'links', 'write', 'swap'];
    const seen = phases.map((p) => order.indexOf(p));
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    // Afterwards a new rebuild is accepted again.
    await expect(service.rebuild()).resolves.toMatchObject({ products: expect.any(Number) });
  }, 120_000);

  it('a failed rebuild keeps serving the previous catalog and records the error', async () => {
    const dataDir = tempDir();
    const service = new CatalogService(dataDir, log);
    await service.rebuild();
    const before = service.summary;
    // An operator source dir whose sources.json is invalid: the worker's build fails.
    cpSync(DEMO_CATALOG_DIR, join(dataDir, 'catalog-source'), { recursive: true });
    writeFileSync(join(dataDir, 'catalog-source', 'sources.json'), '{"commercial": 1}');
    await expect(service.rebuild()).rejects.toThrow(/commercial/);
    expect(service.status).toBe('ready');
    expect(service.summary).toEqual(before);
    expect(service.progress.error).toMatch(/commercial/);
    expect(existsSync(join(dataDir, 'catalog', 'index.json'))).toBe(true);
    expect(existsSync(join(dataDir, 'catalog.next'))).toBe(false);
  }, 120_000);
});

for (const backend of backends) {
  describe.skipIf(!backend.enabled)(`catalog propagation between nodes (${backend.name})`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>;
    beforeAll(async () => {
      db = await backend.open();
      await migrate(db);
    });
    afterAll(async () => {
      await db?.close();
    });

    it('a rebuild on one node is served by the other after it syncs', async () => {
      const store = databaseCatalogStore(db);
      const dirA = tempDir();
      const dirB = tempDir();
      const a = new CatalogService(dirA, log, { store, syncIntervalMs: 3_600_000 });
      const b = new CatalogService(dirB, log, { store, syncIntervalMs: 3_600_000 });
      try {
        // A starts first: nothing published, so it builds the demo and publishes version 1.
        await a.start();
        expect(a.progress.version).toBeDefined();
        const v1 = a.progress.version!;
        // B starts on the same database: it installs A's version instead of building its own.
        await b.start();
        expect(b.progress).toMatchObject({ version: v1, startedAt: undefined });
        expect(b.product('RO-1010').name).toBe(a.product('RO-1010').name);
        expect(readFileSync(join(dirB, 'catalog', 'index.json'), 'utf8')).toBe(
          readFileSync(join(dirA, 'catalog', 'index.json'), 'utf8'),
        );

        // A rebuilds from changed sources (a renamed product).
        const source = join(dirA, 'catalog-source');
        cpSync(DEMO_CATALOG_DIR, source, { recursive: true });
        const feed = readFileSync(join(source, 'feed.csv'), 'utf8');
        const renamed = feed.replace(/^RO-1010,[^,]*,/m, 'RO-1010,Roland Renamed On Node A,');
        expect(renamed).not.toBe(feed);
        writeFileSync(join(source, 'feed.csv'), renamed);
        await a.rebuild();
        expect(a.product('RO-1010').name).toBe('Roland Renamed On Node A');
        expect(a.progress.version).toBeGreaterThan(v1);

        // B still serves the old catalog until it checks the shared version, then the new one.
        expect(b.product('RO-1010').name).not.toBe('Roland Renamed On Node A');
        await expect(b.syncNow()).resolves.toBe(true);
        expect(b.product('RO-1010').name).toBe('Roland Renamed On Node A');
        expect(b.progress.version).toBe(a.progress.version);
        // Nothing newer: a second check changes nothing.
        await expect(b.syncNow()).resolves.toBe(false);
        // Old versions are pruned (the newest two stay).
        const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM catalog_versions');
        expect(rows[0]!.n).toBeLessThanOrEqual(2);
      } finally {
        a.stop();
        b.stop();
      }
    }, 180_000);
  });
}
