import { Counter, type Registry } from 'prom-client';

/** Prometheus series of the rate limiters (docs/operations.md, "Metrics to watch"). */
export interface RateLimitMetrics {
  /** Requests refused, by limit name (api, sync-connections, assistant…). */
  limited: Counter<'limit'>;
  /** Checks let through unchecked because Redis did not answer (fail open). */
  failOpen: Counter<'limit'>;
}

const cache = new WeakMap<Registry, RateLimitMetrics>();

export function rateLimitMetrics(registry: Registry): RateLimitMetrics {
  const existing = cache.get(registry);
  if (existing) return existing;
  const registers = [registry];
  const metrics: RateLimitMetrics = {
    limited: new Counter({
      name: 'ensemble_rate_limited_total',
      help: 'Requests and connections refused by a rate limit or concurrency cap, by limit',
      labelNames: ['limit'],
      registers,
    }),
    failOpen: new Counter({
      name: 'ensemble_rate_limit_fail_open_total',
      help: 'Rate-limit checks allowed without checking because Redis did not answer, by limit',
      labelNames: ['limit'],
      registers,
    }),
  };
  cache.set(registry, metrics);
  return metrics;
}
