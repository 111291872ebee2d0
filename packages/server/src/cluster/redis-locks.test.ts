/**
 * Cluster-wide locks on the machine's Redis (REDIS_URL): several engines, each with its own Redis
 * lock store and node id, arbitrate through Redis — one winner, strictly increasing fencing tokens,
 * vetoes on every node, and a dead node's hard locks freed by its liveness key.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { MemoryUpdateStore } from '../persistence/memory-update-store.js';
import type { AcquireResult, LockInfo } from '../services/locks/lock-service.js';
import type { ServiceCaller } from '../services/service.js';
import { type EngineServer, startEngineServer } from '../test-support/engine-server.js';
import { RawClient } from '../test-support/raw-client.js';
import { MemoryHub } from './bus.js';
import { Cluster } from './cluster.js';
import { RedisLockStore } from './redis-lock-store.js';

const REDIS_URL = process.env.REDIS_URL;

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const caller = (userId: string, connectionId = `c-${userId}`, role: ServiceCaller['role'] = 'editor') => ({
  connectionId,
  userId,
  userName: userId.toUpperCase(),
  role,
});

describe.skipIf(!REDIS_URL)('locks across nodes (Redis)', () => {
  if (!REDIS_URL) console.warn('skipping Redis lock tests: REDIS_URL is not set');
  const redis = REDIS_URL ? new Redis(REDIS_URL) : undefined;
  const closers: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  afterAll(async () => {
    await redis?.quit();
  });

  async function startNodes(count: number, options: { softTtlMs?: number; nodeTtlMs?: number } = {}) {
    const prefix = `ens-test-${randomBytes(4).toString('hex')}:`;
    const hub = new MemoryHub();
    const store = new MemoryUpdateStore();
    const nodes: { server: EngineServer; locks: RedisLockStore }[] = [];
    for (let i = 0; i < count; i++) {
      const nodeId = `node${i}`;
      const locks = new RedisLockStore({ redis: redis!, nodeId, prefix, ...options });
      await locks.start();
      const cluster = new Cluster({ bus: hub.connect(), nodeId, prefix, locks });
      const server = await startEngineServer({}, store, { cluster });
      closers.push(() => locks.stop());
      closers.push(() => cluster.close());
      closers.push(() => server.close());
      nodes.push({ server, locks });
    }
    closers.push(async () => {
      const keys = await redis!.keys(`${prefix}*`);
      if (keys.length > 0) await redis!.del(...keys);
    });
    return nodes;
  }

  const call = (server: EngineServer, method: string, params: object, who: ServiceCaller) =>
    server.engine.call('room', 'locks', method, params, who);

  it('grants a contended lock to exactly one caller across nodes, with increasing tokens', async () => {
    const nodes = await startNodes(3);
    const results = (await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        call(nodes[i % 3]!.server, 'acquire', { resource: 'node:1', kind: 'hard' }, caller(`u${i}`)),
      ),
    )) as AcquireResult[];
    const winners = results.filter((r) => r.granted);
    expect(winners).toHaveLength(1);
    const winner = (winners[0] as { lock: LockInfo }).lock;
    for (const r of results) if (!r.granted) expect(r.heldBy.token).toBe(winner.token);
    // Every node lists the same single lock.
    for (const node of nodes) {
      const { locks } = (await call(node.server, 'list', {}, caller('viewer'))) as { locks: LockInfo[] };
      expect(locks.map((l) => [l.resource, l.owner.userId])).toEqual([['node:1', winner.owner.userId]]);
    }
    await call(nodes[0]!.server, 'release', { resource: 'node:1' }, caller('admin', 'c-admin', 'admin'));
    const next = (await call(nodes[1]!.server, 'acquire', { resource: 'node:1' }, caller('z'))) as {
      granted: true;
      lock: LockInfo;
    };
    expect(next.granted).toBe(true);
    expect(next.lock.token).toBeGreaterThan(winner.token);
  });

  it('refuses a release by someone else and keeps region locks exclusive across nodes', async () => {
    const nodes = await startNodes(2);
    await call(nodes[0]!.server, 'acquire', { resource: 'r', kind: 'soft' }, caller('a'));
    await expect(call(nodes[1]!.server, 'release', { resource: 'r' }, caller('b'))).rejects.toMatchObject({
      code: 'ENSEMBLE_FORBIDDEN',
    });
    const region = { x: 0, y: 0, width: 10, height: 10 };
    const first = (await call(
      nodes[0]!.server,
      'acquire',
      { resource: 'area-1', kind: 'region', region },
      caller('a'),
    )) as AcquireResult;
    const overlapping = (await call(
      nodes[1]!.server,
      'acquire',
      { resource: 'area-2', kind: 'region', region: { ...region, x: 5 } },
      caller('b'),
    )) as AcquireResult;
    expect(first.granted).toBe(true);
    expect(overlapping.granted).toBe(false);
  });

  it('vetoes edits on every node under another user’s hard lock', async () => {
    const nodes = await startNodes(2);
    const b = new RawClient();
    closers.push(() => b.destroy());
    await b.connect(nodes[1]!.server.roomUrl('room', 'editor', 'b'));
    await until(() => b.synced, 'b synced');
    const granted = (await call(
      nodes[0]!.server,
      'acquire',
      { resource: 'node:7', kind: 'hard' },
      caller('a'),
    )) as AcquireResult;
    expect(granted.granted).toBe(true);
    // Node 1 learns of the lock through the cluster event, which its Ensemble clients also see.
    await until(() => b.events.some((e) => e.service === 'locks' && e.name === 'acquired'), 'lock event');
    b.doc.getMap('graph').set('node:7', 'hijacked');
    await until(() => b.savedEdits === 1, 'b’s update answered');
    const value = await nodes[0]!.server.engine.readRoom('room', (doc) => doc.getMap('graph').get('node:7'));
    expect(value).toBeUndefined();
  });

  it('expires soft locks and announces the expiry', async () => {
    const nodes = await startNodes(2, { softTtlMs: 300 });
    const watcher = new RawClient();
    closers.push(() => watcher.destroy());
    await watcher.connect(nodes[1]!.server.roomUrl('room', 'viewer', 'w'));
    await until(() => watcher.synced, 'watcher synced');
    await call(nodes[0]!.server, 'acquire', { resource: 'soft-1' }, caller('a'));
    await until(
      () =>
        watcher.events.some(
          (e) => e.name === 'released' && (e.body as { reason: string }).reason === 'expired',
        ),
      'expiry announced',
    );
    const granted = (await call(
      nodes[1]!.server,
      'acquire',
      { resource: 'soft-1' },
      caller('b'),
    )) as AcquireResult;
    expect(granted.granted).toBe(true);
  });

  it('frees the hard locks of a node that died once its liveness key lapses', async () => {
    const nodes = await startNodes(2, { nodeTtlMs: 400 });
    const held = (await call(
      nodes[0]!.server,
      'acquire',
      { resource: 'node:9', kind: 'hard' },
      caller('a'),
    )) as AcquireResult;
    expect(held.granted).toBe(true);
    // "kill -9": the heartbeat stops, the key is not deleted.
    await nodes[0]!.locks.stop({ release: false });
    let result: AcquireResult = { granted: false, heldBy: (held as { lock: LockInfo }).lock };
    for (let i = 0; i < 100 && !result.granted; i++) {
      result = (await call(
        nodes[1]!.server,
        'acquire',
        { resource: 'node:9', kind: 'hard' },
        caller('b'),
      )) as AcquireResult;
      if (!result.granted) await new Promise((r) => setTimeout(r, 100));
    }
    expect(result.granted).toBe(true);
  });
});
