/**
 * Issue 3: 1,000 connect/disconnect cycles across 100 rooms leave no loaded room, no socket, and at
 * most LEAK_BOUND_BYTES of retained heap (measured after forced GC, before vs after).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngineServer, startEngineServer } from '../test-support/engine-server.js';
import { RawClient } from '../test-support/raw-client.js';

const CYCLES = 1000;
const ROOMS = 100;
const LEAK_BOUND_BYTES = 16 * 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function settledHeap(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 20));
  }
  return process.memoryUsage().heapUsed;
}

async function cycle(server: EngineServer, i: number): Promise<void> {
  const client = new RawClient();
  await client.connect(server.roomUrl(`leak:${i % ROOMS}`));
  await until(() => client.synced, 'synced');
  client.doc.getMap('presence').set('n', i);
  await until(() => client.savedEdits === 1, 'saved');
  client.destroy();
}

describe('no leaks across connect/disconnect cycles', () => {
  let server: EngineServer;
  beforeAll(async () => {
    server = await startEngineServer({ idleUnloadMs: 0 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it(`${CYCLES} cycles over ${ROOMS} rooms leave zero loaded rooms and bounded heap`, async () => {
    // Warm up code paths and caches before the baseline.
    for (let i = 0; i < 50; i++) await cycle(server, i);
    await until(() => server.engine.rooms().length === 0, 'warm-up rooms unloaded');
    const before = await settledHeap();
    for (let i = 0; i < CYCLES; i += 10) {
      await Promise.all(Array.from({ length: 10 }, (_, k) => cycle(server, i + k)));
    }
    await until(() => server.engine.connectionCount() === 0, 'all sockets gone');
    await until(() => server.engine.rooms().length === 0, 'all rooms unloaded');
    const after = await settledHeap();
    console.log(`leak test: heap ${(before / 1e6).toFixed(1)} MB → ${(after / 1e6).toFixed(1)} MB`);
    expect(after - before).toBeLessThan(LEAK_BOUND_BYTES);
  });
});
