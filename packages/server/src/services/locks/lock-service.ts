import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import type * as Y from 'yjs';
import { z } from 'zod';
import type { ActivitySink, RoomService, ServiceCaller, ServiceContext } from '../service.js';
import { hardLockVeto } from './enforcement.js';

export const SOFT_LOCK_TTL_MS = 8_000;
/** A disconnected owner's hard locks survive this long, so a reconnecting client keeps them. */
export const HARD_LOCK_GRACE_MS = 2_000;

const region = z.object({
  x: z.number(),
  y: z.number(),
  width: z.number().positive(),
  height: z.number().positive(),
});
export const acquireParams = z.object({
  resource: z.string().min(1).max(512),
  kind: z.enum(['soft', 'hard', 'region']).default('soft'),
  region: region.optional(),
});
export const resourceParams = z.object({ resource: z.string().min(1).max(512) });

export type LockKind = 'soft' | 'hard' | 'region';
export type Region = z.infer<typeof region>;

export interface LockInfo {
  resource: string;
  kind: LockKind;
  owner: { userId: string; name: string; connectionId: string };
  /** Fencing token: strictly increasing per room for every grant. */
  token: number;
  acquiredAt: number;
  expiresAt: number | null;
  region: Region | null;
}

export type AcquireResult = { granted: true; lock: LockInfo } | { granted: false; heldBy: LockInfo };

/** Maps lock resources onto document paths: resource `node:7` guards key `node:7` of Y.Map `graph`. */
export interface LockPathRule {
  resourcePrefix: string;
  map: string;
}

export const DEFAULT_LOCK_PATHS: LockPathRule[] = [{ resourcePrefix: 'node:', map: 'graph' }];

export function overlaps(a: Region, b: Region): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

export function parse<T>(schema: z.ZodType<T>, params: unknown): T {
  const result = schema.safeParse(params ?? {});
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; ');
    throw new EnsembleError(ErrorCode.BadRequest, `invalid lock request: ${detail}`);
  }
  return result.data;
}

/**
 * Server-arbitrated locks (issue 4 §1). Single-threaded per node, so "check then grant" is atomic;
 * the Redis-backed cluster version keeps the same interface (issue 8).
 */
export class LockService implements RoomService {
  readonly name = 'locks';
  private readonly locks = new Map<string, LockInfo>();
  private readonly orphanTimers = new Map<string, () => void>();
  private nextToken: number;
  private sweeper: (() => void) | undefined;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly doc: Y.Doc,
    private readonly paths: LockPathRule[] = DEFAULT_LOCK_PATHS,
    now: () => number = Date.now,
  ) {
    this.now = now;
    // Seeded from the clock so tokens keep increasing across room reloads on this node.
    this.nextToken = now() * 1000;
  }

  private readonly now: () => number;

  handle(method: string, params: unknown, caller: ServiceCaller): unknown {
    switch (method) {
      case 'acquire':
        return this.acquire(parse(acquireParams, params), caller);
      case 'renew':
        return this.renew(parse(resourceParams, params).resource, caller);
      case 'release':
        return { released: this.release(parse(resourceParams, params).resource, caller) };
      case 'list':
        return { locks: this.list() };
      default:
        throw new EnsembleError(ErrorCode.BadRequest, `locks has no method ${method}`);
    }
  }

  list(): LockInfo[] {
    this.expire();
    return [...this.locks.values()].sort((a, b) => a.resource.localeCompare(b.resource));
  }

  acquire(request: z.infer<typeof acquireParams>, caller: ServiceCaller): AcquireResult {
    if (caller.role === 'viewer') throw new EnsembleError(ErrorCode.Forbidden, 'viewers cannot take locks');
    this.expire();
    if (request.kind === 'region' && !request.region) {
      throw new EnsembleError(ErrorCode.BadRequest, 'a region lock needs region {x, y, width, height}');
    }
    const existing = this.locks.get(request.resource);
    if (existing && existing.owner.userId !== caller.userId) return { granted: false, heldBy: existing };
    if (request.kind === 'region') {
      for (const other of this.locks.values()) {
        if (
          other.kind === 'region' &&
          other.owner.userId !== caller.userId &&
          overlaps(other.region!, request.region!)
        ) {
          return { granted: false, heldBy: other };
        }
      }
    }
    const now = this.now();
    // The same user re-acquiring (e.g. after a reconnect) keeps the lock under a fresh token.
    this.cancelOrphan(request.resource);
    const lock: LockInfo = {
      resource: request.resource,
      kind: request.kind,
      owner: { userId: caller.userId, name: caller.userName, connectionId: caller.connectionId },
      token: ++this.nextToken,
      acquiredAt: now,
      expiresAt: request.kind === 'soft' ? now + SOFT_LOCK_TTL_MS : null,
      region: request.region ?? null,
    };
    this.locks.set(lock.resource, lock);
    this.ensureSweeper();
    this.ctx.broadcast('acquired', lock);
    // A re-acquire by the same user (reconnect) is not news for the activity stream.
    if (!existing)
      this.activity()?.record({
        type: 'locked',
        userId: caller.userId,
        userName: caller.userName,
        data: { resource: lock.resource, kind: lock.kind },
      });
    return { granted: true, lock };
  }

  renew(resource: string, caller: ServiceCaller): AcquireResult {
    this.expire();
    const lock = this.locks.get(resource);
    if (!lock) throw new EnsembleError(ErrorCode.NotFound, `no lock on ${resource}`);
    if (lock.owner.userId !== caller.userId) return { granted: false, heldBy: lock };
    if (lock.kind === 'soft') lock.expiresAt = this.now() + SOFT_LOCK_TTL_MS;
    lock.owner.connectionId = caller.connectionId;
    return { granted: true, lock };
  }

  release(resource: string, caller: ServiceCaller): boolean {
    const lock = this.locks.get(resource);
    if (!lock) return false;
    if (lock.owner.userId !== caller.userId && caller.role !== 'admin') {
      throw new EnsembleError(ErrorCode.Forbidden, `${resource} is held by ${lock.owner.name}`);
    }
    this.drop(lock, 'released');
    return true;
  }

  onLeave(caller: ServiceCaller): void {
    for (const lock of [...this.locks.values()]) {
      if (lock.owner.connectionId !== caller.connectionId) continue;
      if (lock.kind === 'soft') continue; // expires on its own TTL
      this.cancelOrphan(lock.resource);
      const cancel = this.ctx.setTimer(() => {
        this.orphanTimers.delete(lock.resource);
        if (this.locks.get(lock.resource) === lock && lock.owner.connectionId === caller.connectionId) {
          this.drop(lock, 'owner-left');
        }
      }, HARD_LOCK_GRACE_MS);
      this.orphanTimers.set(lock.resource, cancel);
    }
  }

  /** Enforcement: an update touching a path guarded by someone else's hard lock is refused. */
  vetoUpdate(update: Uint8Array, caller: ServiceCaller): string | null {
    return hardLockVeto(this.doc, this.paths, this.locks, update, caller);
  }

  destroy(): void {
    this.sweeper?.();
    for (const cancel of this.orphanTimers.values()) cancel();
    this.orphanTimers.clear();
    this.locks.clear();
  }

  private activity(): ActivitySink | undefined {
    return this.ctx.peer<RoomService & ActivitySink>('activity');
  }

  private drop(lock: LockInfo, reason: 'released' | 'expired' | 'owner-left'): void {
    this.locks.delete(lock.resource);
    this.cancelOrphan(lock.resource);
    this.ctx.broadcast('released', { resource: lock.resource, token: lock.token, reason });
    this.activity()?.record({
      type: 'unlocked',
      userId: lock.owner.userId,
      userName: lock.owner.name,
      data: { resource: lock.resource, kind: lock.kind, reason },
    });
  }

  private cancelOrphan(resource: string): void {
    this.orphanTimers.get(resource)?.();
    this.orphanTimers.delete(resource);
  }

  private expire(): void {
    const now = this.now();
    for (const lock of [...this.locks.values()]) {
      if (lock.expiresAt !== null && lock.expiresAt <= now) this.drop(lock, 'expired');
    }
  }

  private ensureSweeper(): void {
    if (this.sweeper) return;
    const tick = () => {
      this.sweeper = undefined;
      this.expire();
      if ([...this.locks.values()].some((l) => l.expiresAt !== null)) this.ensureSweeper();
    };
    this.sweeper = this.ctx.setTimer(tick, 500);
  }
}
