import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { MemoryRateLimiter } from './memory-rate-limiter.js';
import { rateLimitMetrics } from './rate-limit-metrics.js';
import { rateRule } from './rate-limiter.js';

/** A clock the test moves by hand: no decision here depends on real time. */
function manualClock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

describe('MemoryRateLimiter.take (GCRA)', () => {
  const rule = rateRule('api', 3, 1_000);

  it('allows a burst of the whole budget, then refuses with the time until the next unit', async () => {
    const clock = manualClock();
    const limiter = new MemoryRateLimiter({ now: clock.now });
    for (let i = 0; i < 3; i++) expect(await limiter.take(rule, 'alice')).toEqual({ allowed: true });
    // One unit comes back every window / limit = 333.3 ms.
    expect(await limiter.take(rule, 'alice')).toEqual({ allowed: false, retryAfterMs: 334 });
    clock.advance(200);
    expect(await limiter.take(rule, 'alice')).toEqual({ allowed: false, retryAfterMs: 134 });
    clock.advance(134);
    expect(await limiter.take(rule, 'alice')).toEqual({ allowed: true });
    expect((await limiter.take(rule, 'alice')).allowed).toBe(false);
  });

  it('refills to the full budget after a window, never beyond it', async () => {
    const clock = manualClock();
    const limiter = new MemoryRateLimiter({ now: clock.now });
    for (let i = 0; i < 3; i++) await limiter.take(rule, 'a');
    clock.advance(60_000);
    const results = [];
    for (let i = 0; i < 5; i++) results.push((await limiter.take(rule, 'a')).allowed);
    expect(results).toEqual([true, true, true, false, false]);
  });

  it('keeps budgets apart by key and by rule', async () => {
    const clock = manualClock();
    const limiter = new MemoryRateLimiter({ now: clock.now });
    const other = rateRule('assistant', 1, 1_000);
    for (let i = 0; i < 3; i++) await limiter.take(rule, 'alice');
    expect((await limiter.take(rule, 'alice')).allowed).toBe(false);
    expect((await limiter.take(rule, 'bob')).allowed).toBe(true);
    expect((await limiter.take(other, 'alice')).allowed).toBe(true);
  });

  it('charges a cost of several units at once', async () => {
    const clock = manualClock();
    const limiter = new MemoryRateLimiter({ now: clock.now });
    const big = rateRule('bytes', 10, 1_000);
    expect((await limiter.take(big, 'k', 7)).allowed).toBe(true);
    expect(await limiter.take(big, 'k', 4)).toEqual({ allowed: false, retryAfterMs: 100 });
    expect((await limiter.take(big, 'k', 3)).allowed).toBe(true);
    await expect(limiter.take(big, 'k', 11)).rejects.toThrow(RangeError);
    await expect(limiter.take(big, 'k', 0)).rejects.toThrow(RangeError);
  });

  it('grants exactly the budget however many ask at the same instant', async () => {
    const clock = manualClock();
    const limiter = new MemoryRateLimiter({ now: clock.now });
    const budget = rateRule('burst', 25, 60_000);
    const results = await Promise.all(Array.from({ length: 100 }, () => limiter.take(budget, 'ip')));
    expect(results.filter((r) => r.allowed)).toHaveLength(25);
  });

  it('forgets idle buckets, so keys do not pile up', async () => {
    const clock = manualClock();
    const limiter = new MemoryRateLimiter({ now: clock.now, sweepEveryMs: 10_000 });
    for (let i = 0; i < 50; i++) await limiter.take(rule, `ip-${i}`);
    expect(limiter.size).toBe(50);
    clock.advance(10_000);
    await limiter.take(rule, 'fresh');
    expect(limiter.size).toBe(1);
  });

  it('counts refusals by limit name', async () => {
    const registry = new Registry();
    const metrics = rateLimitMetrics(registry);
    const limiter = new MemoryRateLimiter({ now: manualClock().now, metrics });
    for (let i = 0; i < 5; i++) await limiter.take(rule, 'x');
    const text = await registry.metrics();
    expect(text).toContain('ensemble_rate_limited_total{limit="api"} 2');
  });

  it('rejects rules it could not count exactly', () => {
    expect(() => rateRule('Bad Name', 1, 1)).toThrow(RangeError);
    expect(() => rateRule('x', 0, 1_000)).toThrow(RangeError);
    expect(() => rateRule('x', 1e9, 86_400_000)).toThrow(RangeError);
  });
});

describe('MemoryRateLimiter.acquire (concurrent counter)', () => {
  it('holds at most max slots per key and gives them back on release', async () => {
    const limiter = new MemoryRateLimiter();
    const a = await limiter.acquire('sync', '10.0.0.1', 2);
    const b = await limiter.acquire('sync', '10.0.0.1', 2);
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    expect(await limiter.acquire('sync', '10.0.0.1', 2)).toBeNull();
    expect(await limiter.acquire('sync', '10.0.0.2', 2)).not.toBeNull();
    a!.release();
    a!.release(); // idempotent: one slot back, not two
    expect(await limiter.acquire('sync', '10.0.0.1', 2)).not.toBeNull();
    expect(await limiter.acquire('sync', '10.0.0.1', 2)).toBeNull();
  });
});
