import type { RateLimitMetrics } from './rate-limit-metrics.js';
import {
  checkCost,
  type GcraState,
  gcra,
  type Lease,
  type RateDecision,
  type RateLimiter,
  type RateRule,
} from './rate-limiter.js';

export interface MemoryRateLimiterOptions {
  /** Milliseconds on a monotonic clock; injected by tests. Default `performance.now`. */
  now?: () => number;
  metrics?: RateLimitMetrics;
  /** Buckets idle long enough to be full again are dropped this often. Default 60000. */
  sweepEveryMs?: number;
}

/** Limits of a single node: the same decisions as the Redis limiter, held in this process. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, { state: GcraState; expiresAtUs: number }>();
  private readonly held = new Map<string, number>();
  private readonly now: () => number;
  private readonly sweepEveryUs: number;
  private lastSweepUs: number;

  constructor(private readonly options: MemoryRateLimiterOptions = {}) {
    this.now = options.now ?? (() => performance.now());
    this.sweepEveryUs = (options.sweepEveryMs ?? 60_000) * 1000;
    this.lastSweepUs = this.nowUs();
  }

  /** Buckets currently kept (tests check that idle keys do not pile up). */
  get size(): number {
    return this.buckets.size;
  }

  async take(rule: RateRule, key: string, cost = 1): Promise<RateDecision> {
    return this.takeNow(rule, key, cost);
  }

  /** `take` without the promise, for callers that are synchronous anyway. */
  takeNow(rule: RateRule, key: string, cost = 1): RateDecision {
    checkCost(rule, cost);
    const nowUs = this.nowUs();
    this.sweep(nowUs);
    const id = `${rule.name}\n${key}`;
    const step = gcra(this.buckets.get(id)?.state, nowUs, rule, cost);
    if (!step.allowed) {
      this.options.metrics?.limited.inc({ limit: rule.name });
      return { allowed: false, retryAfterMs: step.retryAfterMs };
    }
    this.buckets.set(id, { state: step.state, expiresAtUs: nowUs + step.ttlMs * 1000 });
    return { allowed: true };
  }

  async acquire(counter: string, key: string, max: number): Promise<Lease | null> {
    const id = `${counter}\n${key}`;
    const open = this.held.get(id) ?? 0;
    if (open >= max) {
      this.options.metrics?.limited.inc({ limit: counter });
      return null;
    }
    this.held.set(id, open + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const n = (this.held.get(id) ?? 1) - 1;
        if (n <= 0) this.held.delete(id);
        else this.held.set(id, n);
      },
    };
  }

  async close(): Promise<void> {
    this.buckets.clear();
    this.held.clear();
  }

  private nowUs(): number {
    return Math.round(this.now() * 1000);
  }

  /** A bucket past its expiry is full again, exactly like a missing one: forgetting it is free. */
  private sweep(nowUs: number): void {
    if (nowUs - this.lastSweepUs < this.sweepEveryUs) return;
    this.lastSweepUs = nowUs;
    for (const [id, bucket] of this.buckets) if (bucket.expiresAtUs <= nowUs) this.buckets.delete(id);
  }
}
