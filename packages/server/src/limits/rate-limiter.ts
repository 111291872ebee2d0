/**
 * Rate limits and concurrency caps that hold for a whole deployment: in memory on a single node,
 * in Redis when nodes form a cluster (docs/operations.md, "Cluster-wide limits").
 */

/** A budget of `limit` units per `windowMs` (GCRA): a fresh key may spend all of it at once, then refills evenly. */
export interface RateRule {
  /** Names the limit: a key namespace, and the `limit` label of the metrics. */
  readonly name: string;
  /** Units per window; also the largest burst. */
  readonly limit: number;
  readonly windowMs: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** One held slot of a concurrent counter; `release` is idempotent. */
export interface Lease {
  release(): void;
}

export interface RateLimiter {
  /** Spends `cost` units of `key`'s budget under `rule`, or says how long until it could. */
  take(rule: RateRule, key: string, cost?: number): Promise<RateDecision>;
  /**
   * Holds one of at most `max` concurrent slots of `counter`/`key` (e.g. open sync sockets per IP),
   * or null when all are taken. Slots held by a node that dies are given back on their own.
   */
  acquire(counter: string, key: string, max: number): Promise<Lease | null>;
  close(): Promise<void>;
}

/**
 * Budgets are counted in integers of 1/limit µs, so every value must stay exact in a double (and in
 * Redis' Lua, which has only doubles): window (µs) × limit below 2^52, so a full budget plus one
 * more window still fits under 2^53.
 */
const MAX_UNITS = 2 ** 52;

/** A validated rule; a bad one is a programming error and throws at start, not per request. */
export function rateRule(name: string, limit: number, windowMs: number): RateRule {
  if (!/^[a-z0-9-]+$/.test(name)) throw new RangeError(`rate rule name "${name}" must be [a-z0-9-]+`);
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`rate rule ${name}: limit must be ≥ 1`);
  if (!Number.isInteger(windowMs) || windowMs < 1)
    throw new RangeError(`rate rule ${name}: windowMs must be ≥ 1`);
  if (windowMs * 1000 * limit >= MAX_UNITS)
    throw new RangeError(`rate rule ${name}: limit × window is too large to count exactly`);
  return { name, limit, windowMs };
}

export function checkCost(rule: RateRule, cost: number): void {
  if (!Number.isInteger(cost) || cost < 1 || cost > rule.limit) {
    throw new RangeError(`rate rule ${rule.name}: cost must be a whole number from 1 to ${rule.limit}`);
  }
}

/**
 * GCRA state of one key: how far the theoretical arrival time runs ahead of `atUs`, in 1/limit µs.
 * Integers only, so the in-memory and the Redis (Lua) implementations decide exactly alike.
 */
export interface GcraState {
  debt: number;
  atUs: number;
}

export type GcraStep =
  | { allowed: true; state: GcraState; ttlMs: number }
  | { allowed: false; retryAfterMs: number };

/** One decision; mirrored line by line in the Redis script (redis-rate-limiter.ts, TAKE). */
export function gcra(state: GcraState | undefined, nowUs: number, rule: RateRule, cost: number): GcraStep {
  const perUnit = rule.windowMs * 1000; // one unit of budget, in 1/limit µs
  const capacity = perUnit * rule.limit;
  const elapsed = state ? Math.max(0, nowUs - state.atUs) : 0;
  const debt = state ? Math.max(0, state.debt - elapsed * rule.limit) : 0;
  const next = debt + cost * perUnit;
  if (next > capacity)
    return { allowed: false, retryAfterMs: Math.ceil((next - capacity) / rule.limit / 1000) };
  return { allowed: true, state: { debt: next, atUs: nowUs }, ttlMs: Math.ceil(next / rule.limit / 1000) };
}
