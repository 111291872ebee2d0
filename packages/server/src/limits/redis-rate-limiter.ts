import type { Redis } from 'ioredis';
import type { RateLimitMetrics } from './rate-limit-metrics.js';
import { checkCost, type Lease, type RateDecision, type RateLimiter, type RateRule } from './rate-limiter.js';

/** Redis' clock in µs (exact in a double) and ms: one clock for every node. */
const CLOCK = `
local t = redis.call('TIME')
local nowUs = tonumber(t[1]) * 1000000 + tonumber(t[2])
local nowMs = math.floor(nowUs / 1000)
`;

/**
 * GCRA, the same integer steps as `gcra()` in rate-limiter.ts. KEYS: bucket. ARGV: limit, windowMs,
 * cost. The bucket ("debt|atUs") expires when it would be full again, so idle keys vanish.
 */
const TAKE = `${CLOCK}
local limit, windowMs, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local perUnit = windowMs * 1000
local capacity = perUnit * limit
local debt = 0
local stored = redis.call('GET', KEYS[1])
if stored then
  local d, at = string.match(stored, '^(%d+)|(%d+)$')
  if d then
    local elapsed = math.max(0, nowUs - tonumber(at))
    debt = math.max(0, tonumber(d) - elapsed * limit)
  end
end
local nextDebt = debt + cost * perUnit
if nextDebt > capacity then return { 0, math.ceil((nextDebt - capacity) / limit / 1000) } end
redis.call('SET', KEYS[1], string.format('%.0f|%.0f', nextDebt, nowUs), 'PX',
  math.max(1, math.ceil(nextDebt / limit / 1000)))
return { 1, 0 }
`;

/**
 * Concurrent counters: each node keeps its own holdings in one hash (field → count) that lives only
 * while the node renews it, and a sorted set lists the live nodes by expiry. A count is the sum over
 * live nodes, so a node that dies stops counting within its TTL. Every script starts by dropping dead
 * nodes and renewing this one; a node found dead (it stalled) drops its hash too and says `rejoined`,
 * so it writes its holdings back. ARGV of all of them: nodeId, ttlMs, hash key prefix, then their own.
 */
const SWEEP_NODES = `${CLOCK}
local ttl = tonumber(ARGV[2])
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
local rejoined = 0
if not score or tonumber(score) <= nowMs then
  rejoined = 1
  redis.call('DEL', KEYS[2])
end
for _, dead in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', nowMs)) do
  redis.call('DEL', ARGV[3] .. dead)
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', nowMs)
redis.call('ZADD', KEYS[1], nowMs + ttl, ARGV[1])
if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
`;

// KEYS: nodes zset, this node's hash. ARGV 4, 5: field, max. Returns granted, count, rejoined.
const ACQUIRE = `${SWEEP_NODES}
local total = 0
for _, node in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  total = total + (tonumber(redis.call('HGET', ARGV[3] .. node, ARGV[4])) or 0)
end
if total >= tonumber(ARGV[5]) then return { 0, total, rejoined } end
redis.call('HINCRBY', KEYS[2], ARGV[4], 1)
redis.call('PEXPIRE', KEYS[2], ttl)
return { 1, total + 1, rejoined }
`;

// KEYS: this node's hash. ARGV: field, delta, ttlMs. A count that reaches 0 leaves the hash; the TTL
// is renewed so a hash re-created by a late command can never outlive this node.
const ADD = `
local n = redis.call('HINCRBY', KEYS[1], ARGV[1], tonumber(ARGV[2]))
if n <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) else redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3])) end
return n
`;

// KEYS: nodes zset, this node's hash. Returns 1 while the hash is intact, 0 when it is gone.
const BEAT = `${SWEEP_NODES}
if rejoined == 1 then return 0 end
return redis.call('PEXPIRE', KEYS[2], ttl)
`;

// KEYS: nodes zset, this node's hash. ARGV from 4: field/count pairs.
const REWRITE = `${SWEEP_NODES}
redis.call('DEL', KEYS[2])
for i = 4, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
redis.call('PEXPIRE', KEYS[2], ttl)
return 1
`;

export interface RedisRateLimiterOptions {
  /** A command connection that fails fast while Redis is away (the cluster bus' `commands`). */
  redis: Redis;
  nodeId: string;
  prefix?: string;
  /** A node that stops renewing for this long no longer counts toward concurrent counters. Default 5000. */
  nodeTtlMs?: number;
  /** A check Redis has not answered after this long is let through (fail open). Default 500. */
  timeoutMs?: number;
  metrics?: RateLimitMetrics;
  /** Fail-open warnings, at most one per `warnEveryMs` (default 30000) with the count since the last. */
  onError?: (error: unknown, context: string) => void;
  warnEveryMs?: number;
}

class Timeout extends Error {}

/**
 * Rate limits and concurrent counters shared by every node through Redis. Each decision is one Lua
 * script on Redis' clock (atomic across nodes); keys carry TTLs, so nothing grows without bound.
 *
 * When Redis does not answer, checks are allowed (availability over strictness: a Redis outage must
 * not take the API and sync down with it), counted in `ensemble_rate_limit_fail_open_total` and
 * logged. This node's own holdings are kept locally too and written back to Redis after an outage.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly prefix: string;
  private readonly nodeTtlMs: number;
  private readonly timeoutMs: number;
  /** This node's open slots by field; the truth its Redis hash is rebuilt from. */
  private readonly local = new Map<string, number>();
  /** Bumped by every rewrite: an acquire sent before one must re-add itself after it. */
  private generation = 0;
  private dirty = false;
  private heartbeat: NodeJS.Timeout | undefined;
  private beating: Promise<void> | undefined;
  private failOpens = 0;
  private lastWarn = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: RedisRateLimiterOptions) {
    this.prefix = options.prefix ?? 'ensemble:';
    this.nodeTtlMs = options.nodeTtlMs ?? 5_000;
    this.timeoutMs = options.timeoutMs ?? 500;
  }

  /** Registers this node and keeps its holdings alive. */
  async start(): Promise<void> {
    await this.beat();
    this.heartbeat = setInterval(() => {
      this.beating ??= this.beat().finally(() => {
        this.beating = undefined;
      });
    }, this.nodeTtlMs / 5);
    this.heartbeat.unref();
  }

  /** `release: false` leaves this node's holdings to lapse, as if the process had died (tests). */
  async stop(options: { release?: boolean } = {}): Promise<void> {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    await this.beating;
    if (options.release ?? true) {
      await Promise.allSettled([
        this.options.redis.del(this.heldKey(this.options.nodeId)),
        this.options.redis.zrem(this.nodesKey, this.options.nodeId),
      ]);
    }
  }

  close(): Promise<void> {
    return this.stop();
  }

  async take(rule: RateRule, key: string, cost = 1): Promise<RateDecision> {
    checkCost(rule, cost);
    try {
      const [allowed, retryAfterMs] = (await this.eval(
        TAKE,
        [`${this.prefix}rate:${rule.name}:${key}`],
        [rule.limit, rule.windowMs, cost],
      )) as [number, number];
      if (allowed === 1) return { allowed: true };
      this.options.metrics?.limited.inc({ limit: rule.name });
      return { allowed: false, retryAfterMs };
    } catch (error) {
      this.failOpen(rule.name, error);
      return { allowed: true };
    }
  }

  async acquire(counter: string, key: string, max: number): Promise<Lease | null> {
    const field = `${counter}:${key}`;
    const generation = this.generation;
    try {
      const [granted, , rejoined] = (await this.eval(ACQUIRE, this.nodeKeys, [
        ...this.nodeArgs,
        field,
        max,
      ])) as [number, number, number];
      // Found presumed dead: Redis dropped this node's holdings; the next beat writes them back.
      if (rejoined === 1) this.dirty = true;
      if (granted !== 1) {
        this.options.metrics?.limited.inc({ limit: counter });
        return null;
      }
      // A rewrite sent after this acquire replaced the hash with a snapshot that lacks it.
      if (generation !== this.generation) this.add(field, 1);
    } catch (error) {
      this.failOpen(counter, error);
      // Whether or not Redis applied it, the rewrite after the outage makes Redis match `local`.
      this.dirty = true;
    }
    this.local.set(field, (this.local.get(field) ?? 0) + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const n = (this.local.get(field) ?? 1) - 1;
        if (n <= 0) this.local.delete(field);
        else this.local.set(field, n);
        this.add(field, -1);
      },
    };
  }

  private get nodesKey(): string {
    return `${this.prefix}limits:nodes`;
  }

  /** KEYS and the leading ARGV every node script takes. */
  private get nodeKeys(): string[] {
    return [this.nodesKey, this.heldKey(this.options.nodeId)];
  }

  private get nodeArgs(): (string | number)[] {
    return [this.options.nodeId, this.nodeTtlMs, this.heldKey('')];
  }

  private heldKey(node: string): string {
    return `${this.prefix}limits:held:${node}`;
  }

  /** Fire-and-forget change of this node's hash; a failure is repaired by the next rewrite. */
  private add(field: string, delta: number): void {
    this.eval(ADD, [this.heldKey(this.options.nodeId)], [field, delta, this.nodeTtlMs]).catch(() => {
      this.dirty = true;
    });
  }

  /** Renews this node's registration; rebuilds its hash after an outage or a Redis restart. */
  private async beat(): Promise<void> {
    try {
      const intact = await this.eval(BEAT, this.nodeKeys, this.nodeArgs);
      if (!this.dirty && (intact === 1 || this.local.size === 0)) return;
      this.dirty = false;
      // Snapshot, bump and send in one turn: acquires already sent are older than the rewrite.
      this.generation++;
      const pairs = [...this.local].flatMap(([field, n]) => [field, String(n)]);
      await this.eval(REWRITE, this.nodeKeys, [...this.nodeArgs, ...pairs]);
    } catch (error) {
      this.dirty = true;
      this.warn(error, 'rate limits: renewing this node in Redis failed');
    }
  }

  private async eval(script: string, keys: string[], args: (string | number)[]): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      // Timers run before I/O in a loop turn: after a stalled event loop, let a reply that is already
      // in the socket win before calling Redis slow.
      timer = setTimeout(
        () => setImmediate(() => reject(new Timeout(`Redis did not answer within ${this.timeoutMs} ms`))),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([this.options.redis.eval(script, keys.length, ...keys, ...args), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private failOpen(limit: string, error: unknown): void {
    this.options.metrics?.failOpen.inc({ limit });
    this.failOpens++;
    this.warn(error, `rate limits: Redis did not answer; allowing unchecked (fail open)`);
  }

  private warn(error: unknown, context: string): void {
    const now = Date.now();
    if (now - this.lastWarn < (this.options.warnEveryMs ?? 30_000)) return;
    this.lastWarn = now;
    const count = this.failOpens;
    this.failOpens = 0;
    this.options.onError?.(
      error,
      count > 0 ? `${context} (${count} checks since the last warning)` : context,
    );
  }
}
