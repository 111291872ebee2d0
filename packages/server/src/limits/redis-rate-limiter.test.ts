/**
 * Rate limits on the machine's Redis (REDIS_URL): several limiters, each standing for one node with
 * its own connection, share budgets and concurrent counters; a dead node's holdings lapse.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { rateLimitMetrics } from './rate-limit-metrics.js';
import { type Lease, rateRule } from './rate-limiter.js';
import { RedisRateLimiter, type RedisRateLimiterOptions } from './redis-rate-limiter.js';

const REDIS_URL = process.env.REDIS_URL;

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(!REDIS_URL)('RedisRateLimiter (Redis)', () => {
  if (!REDIS_URL) console.warn('skipping Redis rate-limit tests: REDIS_URL is not set');
  const admin = REDIS_URL ? new Redis(REDIS_URL) : undefined;
  const closers: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  afterAll(async () => {
    await admin?.quit();
  });

  /** One prefix per test, removed afterwards; `count` limiters stand for `count` nodes. */
  async function nodes(count: number, options: Partial<RedisRateLimiterOptions> = {}) {
    const prefix = `ens-test-rl-${randomBytes(4).toString('hex')}:`;
    closers.push(async () => {
      const keys = await admin!.keys(`${prefix}*`);
      if (keys.length > 0) await admin!.del(...keys);
    });
    const limiters: RedisRateLimiter[] = [];
    for (let i = 0; i < count; i++) {
      const redis = new Redis(REDIS_URL!, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
      await new Promise((resolve) => redis.once('ready', resolve));
      // Generous: a busy machine must not turn a slow answer into a fail-open grant.
      const limiter = new RedisRateLimiter({
        redis,
        nodeId: `node${i}`,
        prefix,
        timeoutMs: 10_000,
        ...options,
      });
      await limiter.start();
      closers.push(() => redis.quit());
      closers.push(() => limiter.stop());
      limiters.push(limiter);
    }
    return { limiters, prefix };
  }

  it('shares one budget between nodes', async () => {
    const { limiters, prefix } = await nodes(2);
    const [a, b] = limiters as [RedisRateLimiter, RedisRateLimiter];
    const rule = rateRule('api', 4, 3_600_000);
    const order = [a, b, a, b, a, b];
    const results = [];
    for (const node of order) results.push(await node.take(rule, 'alice'));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, true, false, false]);
    const refused = results[4]!;
    // One unit returns every 15 min; the refusal says when.
    expect(refused.allowed === false && refused.retryAfterMs > 0 && refused.retryAfterMs <= 900_000).toBe(
      true,
    );
    expect((await b.take(rule, 'bob')).allowed).toBe(true);
    // The bucket expires once it would be full again: idle keys do not accumulate.
    const ttl = await admin!.pttl(`${prefix}rate:api:alice`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(3_600_000);
  });

  it('grants exactly the budget to many parallel takes from several nodes', async () => {
    const { limiters } = await nodes(3);
    const rule = rateRule('burst', 40, 3_600_000);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => limiters[i % 3]!.take(rule, 'shared')),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(40);
  });

  it('counts concurrent holdings across nodes and frees a slot on release', async () => {
    const { limiters } = await nodes(2);
    const [a, b] = limiters as [RedisRateLimiter, RedisRateLimiter];
    const held: Lease[] = [];
    for (const node of [a, b, a]) {
      const lease = await node.acquire('sync', '10.0.0.7', 3);
      expect(lease).not.toBeNull();
      held.push(lease!);
    }
    expect(await b.acquire('sync', '10.0.0.7', 3)).toBeNull();
    expect(await a.acquire('sync', '10.0.0.7', 3)).toBeNull();
    expect(await b.acquire('sync', '10.0.0.8', 3)).not.toBeNull();
    held[0]!.release();
    held[0]!.release(); // idempotent
    await until(async () => (await b.acquire('sync', '10.0.0.7', 3)) !== null, 'a released slot is free');
    expect(await b.acquire('sync', '10.0.0.7', 3)).toBeNull();
  });

  it('grants exactly max slots to parallel acquires from several nodes', async () => {
    const { limiters } = await nodes(3);
    const leases = await Promise.all(
      Array.from({ length: 60 }, (_, i) => limiters[i % 3]!.acquire('sync', '10.1.1.1', 17)),
    );
    expect(leases.filter((l) => l !== null)).toHaveLength(17);
  });

  it("lets a dead node's holdings expire", async () => {
    const { limiters, prefix } = await nodes(2, { nodeTtlMs: 400 });
    const [a, b] = limiters as [RedisRateLimiter, RedisRateLimiter];
    expect(await a.acquire('sync', 'ip', 3)).not.toBeNull();
    expect(await a.acquire('sync', 'ip', 3)).not.toBeNull();
    expect(await b.acquire('sync', 'ip', 3)).not.toBeNull();
    expect(await b.acquire('sync', 'ip', 3)).toBeNull();
    // Node a dies: it stops renewing and never releases.
    await a.stop({ release: false });
    await until(async () => (await b.acquire('sync', 'ip', 3)) !== null, "the dead node's slots lapse");
    // b holds 2 now; exactly one more fits.
    expect(await b.acquire('sync', 'ip', 3)).not.toBeNull();
    expect(await b.acquire('sync', 'ip', 3)).toBeNull();
    expect(await admin!.exists(`${prefix}limits:held:node0`)).toBe(0);
  });

  it('writes its holdings back after Redis lost them (restart, flush)', async () => {
    const { limiters, prefix } = await nodes(2, { nodeTtlMs: 400 });
    const [a, b] = limiters as [RedisRateLimiter, RedisRateLimiter];
    expect(await a.acquire('sync', 'ip', 2)).not.toBeNull();
    expect(await a.acquire('sync', 'ip', 2)).not.toBeNull();
    await admin!.del(`${prefix}limits:held:node0`);
    // Within a heartbeat the hash is back, and b is refused again.
    await until(
      async () => (await admin!.hget(`${prefix}limits:held:node0`, 'sync:ip')) === '2',
      'rewritten',
    );
    expect(await b.acquire('sync', 'ip', 2)).toBeNull();
  });

  it('fails open, with a metric and a warning, when Redis does not answer', async () => {
    const registry = new Registry();
    const warnings: string[] = [];
    // Nothing listens on port 1: every command fails at once.
    const redis = new Redis('redis://127.0.0.1:1', {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    redis.on('error', () => undefined);
    const limiter = new RedisRateLimiter({
      redis,
      nodeId: 'lonely',
      prefix: 'ens-test-unreachable:',
      metrics: rateLimitMetrics(registry),
      onError: (_error, context) => warnings.push(context),
    });
    closers.push(() => redis.disconnect());
    const rule = rateRule('api', 1, 60_000);
    expect(await limiter.take(rule, 'k')).toEqual({ allowed: true });
    expect(await limiter.take(rule, 'k')).toEqual({ allowed: true });
    const lease = await limiter.acquire('sync', 'ip', 1);
    expect(lease).not.toBeNull();
    lease!.release();
    const text = await registry.metrics();
    expect(text).toContain('ensemble_rate_limit_fail_open_total{limit="api"} 2');
    expect(text).toContain('ensemble_rate_limit_fail_open_total{limit="sync"} 1');
    // Throttled: one warning for the outage, not one per request.
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/fail open/);
  });
});

describe('RedisRateLimiter with a Redis that hangs', () => {
  it('lets checks through after the timeout instead of waiting', async () => {
    // Like a Redis stuck on a slow command: connected, never answering.
    const redis = { eval: () => new Promise(() => undefined) } as unknown as Redis;
    const registry = new Registry();
    const limiter = new RedisRateLimiter({
      redis,
      nodeId: 'stuck',
      timeoutMs: 50,
      metrics: rateLimitMetrics(registry),
    });
    const rule = rateRule('api', 1, 60_000);
    expect(await limiter.take(rule, 'k')).toEqual({ allowed: true });
    expect(await limiter.acquire('sync', 'ip', 1)).not.toBeNull();
    const text = await registry.metrics();
    expect(text).toContain('ensemble_rate_limit_fail_open_total{limit="api"} 1');
    expect(text).toContain('ensemble_rate_limit_fail_open_total{limit="sync"} 1');
  });
});
