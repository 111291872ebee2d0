import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import type { Redis } from 'ioredis';
import type { LockInfo } from '../services/locks/lock-service.js';
import { SOFT_LOCK_TTL_MS } from '../services/locks/lock-service.js';
import type { LockHolder, LockRequest, LockStore, StoreAcquireResult } from '../services/locks/lock-store.js';

/**
 * Shared by every script: Redis' clock (one clock for all nodes), the room's locks with expired soft
 * locks and hard locks of dead nodes removed (each removal is seen by exactly one caller, which
 * announces it), and an encoder that keeps 16-digit fencing tokens exact (cjson would round them).
 */
const PRELUDE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local nodePrefix = ARGV[1]
local live, raw, out = {}, {}, {}
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  local lock = cjson.decode(all[i + 1])
  local reason = nil
  if lock.expiresAt ~= cjson.null and lock.expiresAt <= now then
    reason = 'expired'
  elseif lock.kind ~= 'soft' and redis.call('EXISTS', nodePrefix .. lock.node) == 0 then
    reason = 'owner-left'
  end
  if reason then
    redis.call('HDEL', KEYS[1], all[i])
    table.insert(out, reason)
    table.insert(out, all[i + 1])
  else
    live[all[i]] = lock
    raw[all[i]] = all[i + 1]
  end
end
local function num(x)
  if x == nil or x == cjson.null then return 'null' end
  return string.format('%.0f', x)
end
local function encode(l)
  return '{"resource":' .. cjson.encode(l.resource) .. ',"kind":' .. cjson.encode(l.kind)
    .. ',"owner":{"userId":' .. cjson.encode(l.owner.userId) .. ',"name":' .. cjson.encode(l.owner.name)
    .. ',"connectionId":' .. cjson.encode(l.owner.connectionId) .. '}'
    .. ',"token":' .. num(l.token) .. ',"acquiredAt":' .. num(l.acquiredAt) .. ',"expiresAt":' .. num(l.expiresAt)
    .. ',"region":' .. ((l.region == nil or l.region == cjson.null) and 'null' or cjson.encode(l.region))
    .. ',"node":' .. cjson.encode(l.node) .. '}'
end
local function reply(status, json, list)
  local result = { status, json or '', 0 }
  if list then
    for _, v in pairs(raw) do table.insert(result, v) end
    result[3] = #result - 3
  end
  for _, v in ipairs(out) do table.insert(result, v) end
  return result
end
`;

// KEYS: locks hash, token counter. ARGV: nodePrefix, resource, kind, region JSON or '', userId, name,
// connectionId, node, soft TTL.
const ACQUIRE = `${PRELUDE}
local resource, kind, userId = ARGV[2], ARGV[3], ARGV[5]
local existing = live[resource]
if existing and existing.owner.userId ~= userId then return reply(0, raw[resource]) end
local region = cjson.null
if kind == 'region' then
  region = cjson.decode(ARGV[4])
  for name, other in pairs(live) do
    if other.kind == 'region' and other.owner.userId ~= userId
      and region.x < other.region.x + other.region.width and other.region.x < region.x + region.width
      and region.y < other.region.y + other.region.height and other.region.y < region.y + region.height then
      return reply(0, raw[name])
    end
  end
end
if redis.call('EXISTS', KEYS[2]) == 0 then
  -- Seeded from the clock: tokens keep increasing even if Redis lost the counter.
  redis.call('SET', KEYS[2], string.format('%.0f', now * 1000))
end
local lock = {
  resource = resource, kind = kind,
  owner = { userId = userId, name = ARGV[6], connectionId = ARGV[7] },
  token = redis.call('INCR', KEYS[2]), acquiredAt = now,
  expiresAt = (kind == 'soft') and (now + tonumber(ARGV[9])) or cjson.null,
  region = region, node = ARGV[8],
}
local json = encode(lock)
redis.call('HSET', KEYS[1], resource, json)
return reply(1, json)
`;

// KEYS: locks hash. ARGV: nodePrefix, resource, userId, connectionId, node, soft TTL.
const RENEW = `${PRELUDE}
local lock = live[ARGV[2]]
if not lock then return reply(-1) end
if lock.owner.userId ~= ARGV[3] then return reply(0, raw[ARGV[2]]) end
if lock.kind == 'soft' then lock.expiresAt = now + tonumber(ARGV[6]) end
lock.owner.connectionId = ARGV[4]
lock.node = ARGV[5]
local json = encode(lock)
redis.call('HSET', KEYS[1], ARGV[2], json)
return reply(1, json)
`;

// KEYS: locks hash. ARGV: nodePrefix, resource, userId, force ('1'/'0'), connectionId or ''.
const RELEASE = `${PRELUDE}
local lock = live[ARGV[2]]
if not lock then return reply(-1) end
if ARGV[5] ~= '' and lock.owner.connectionId ~= ARGV[5] then return reply(0, raw[ARGV[2]]) end
if lock.owner.userId ~= ARGV[3] and ARGV[4] ~= '1' then return reply(0, raw[ARGV[2]]) end
redis.call('HDEL', KEYS[1], ARGV[2])
return reply(1, raw[ARGV[2]])
`;

// KEYS: locks hash. ARGV: nodePrefix.
const LIST = `${PRELUDE}
return reply(1, '', true)
`;

interface Parsed {
  status: number;
  lock: LockInfo | null;
  live: LockInfo[];
  dropped: { lock: LockInfo; reason: 'expired' | 'owner-left' }[];
}

/** Lock JSON as stored also names the node whose socket holds it; callers see plain `LockInfo`. */
function toInfo(json: string): LockInfo {
  const { node: _node, ...info } = JSON.parse(json) as LockInfo & { node?: string };
  return info;
}

function parse(reply: unknown): Parsed {
  const items = reply as (string | number)[];
  const status = Number(items[0]);
  const lock = items[1] ? toInfo(String(items[1])) : null;
  const liveCount = Number(items[2]);
  const live = items.slice(3, 3 + liveCount).map((json) => toInfo(String(json)));
  const dropped: Parsed['dropped'] = [];
  for (let i = 3 + liveCount; i + 1 < items.length; i += 2) {
    dropped.push({ reason: items[i] as 'expired' | 'owner-left', lock: toInfo(String(items[i + 1])) });
  }
  return { status, lock, live, dropped };
}

export interface RedisLockStoreOptions {
  redis: Redis;
  nodeId: string;
  prefix?: string;
  /** A node that stops renewing its liveness key for this long loses its hard locks. Default 5000. */
  nodeTtlMs?: number;
  /** Soft lock lifetime without a renew. Default `SOFT_LOCK_TTL_MS` (tests shorten it). */
  softTtlMs?: number;
  onError?: (error: unknown, context: string) => void;
}

/**
 * Locks in Redis: one hash per room, every operation one Lua script (atomic across nodes), fencing
 * tokens from one `INCR` counter per room, Redis' own clock for TTLs. Hard locks are tied to the
 * liveness key of the node whose socket holds them, so a node that dies releases them on its own.
 */
export class RedisLockStore implements LockStore {
  private readonly prefix: string;
  private readonly nodeTtlMs: number;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly options: RedisLockStoreOptions) {
    this.prefix = options.prefix ?? 'ensemble:';
    this.nodeTtlMs = options.nodeTtlMs ?? 5_000;
  }

  /** Keeps this node's liveness key fresh (hard locks of a node without one are orphaned). */
  async start(): Promise<void> {
    await this.beat();
    this.heartbeat = setInterval(() => {
      this.beat().catch((error: unknown) => this.options.onError?.(error, 'renewing the node liveness key'));
    }, this.nodeTtlMs / 5);
    this.heartbeat.unref();
  }

  /** `release: false` leaves the liveness key to lapse, as if the process had died (tests). */
  async stop(options: { release?: boolean } = {}): Promise<void> {
    clearInterval(this.heartbeat);
    // A clean shutdown frees this node's hard locks at once instead of after the TTL.
    if (options.release ?? true) await this.options.redis.del(this.nodeKey).catch(() => undefined);
  }

  async acquire(room: string, request: LockRequest, holder: LockHolder): Promise<StoreAcquireResult> {
    const r = await this.run(
      ACQUIRE,
      [this.locksKey(room), `${this.prefix}lock-token:${room}`],
      [
        request.resource,
        request.kind,
        request.region ? JSON.stringify(request.region) : '',
        holder.userId,
        holder.name,
        holder.connectionId,
        this.options.nodeId,
        String(this.options.softTtlMs ?? SOFT_LOCK_TTL_MS),
      ],
    );
    return r.status === 1
      ? { granted: true, lock: r.lock!, dropped: r.dropped }
      : { granted: false, heldBy: r.lock!, dropped: r.dropped };
  }

  async renew(room: string, resource: string, holder: LockHolder): Promise<StoreAcquireResult | null> {
    const r = await this.run(
      RENEW,
      [this.locksKey(room)],
      [
        resource,
        holder.userId,
        holder.connectionId,
        this.options.nodeId,
        String(this.options.softTtlMs ?? SOFT_LOCK_TTL_MS),
      ],
    );
    if (r.status === -1) return null;
    return r.status === 1
      ? { granted: true, lock: r.lock!, dropped: r.dropped }
      : { granted: false, heldBy: r.lock!, dropped: r.dropped };
  }

  async release(
    room: string,
    resource: string,
    by: { userId: string; force: boolean; connectionId?: string },
  ) {
    const r = await this.run(
      RELEASE,
      [this.locksKey(room)],
      [resource, by.userId, by.force ? '1' : '0', by.connectionId ?? ''],
    );
    return {
      released: r.status === 1 ? r.lock : null,
      heldBy: r.status === 0 ? r.lock : null,
      dropped: r.dropped,
    };
  }

  async list(room: string) {
    const r = await this.run(LIST, [this.locksKey(room)], []);
    return { locks: r.live, dropped: r.dropped };
  }

  private get nodeKey(): string {
    return `${this.prefix}node:${this.options.nodeId}`;
  }

  private locksKey(room: string): string {
    return `${this.prefix}locks:${room}`;
  }

  private async beat(): Promise<void> {
    await this.options.redis.set(this.nodeKey, '1', 'PX', this.nodeTtlMs);
  }

  private async run(script: string, keys: string[], args: string[]): Promise<Parsed> {
    try {
      const reply = await this.options.redis.eval(
        script,
        keys.length,
        ...keys,
        `${this.prefix}node:`,
        ...args,
      );
      return parse(reply);
    } catch (error) {
      throw new EnsembleError(
        ErrorCode.NotReady,
        `locks are unavailable: Redis did not answer (${(error as Error).message})`,
        { cause: error },
      );
    }
  }
}
