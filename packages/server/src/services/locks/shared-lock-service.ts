import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import type * as Y from 'yjs';
import type { ActivitySink, RoomService, ServiceCaller, ServiceContext } from '../service.js';
import { hardLockVeto } from './enforcement.js';
import {
  type AcquireResult,
  acquireParams,
  DEFAULT_LOCK_PATHS,
  HARD_LOCK_GRACE_MS,
  type LockInfo,
  type LockPathRule,
  parse,
  resourceParams,
} from './lock-service.js';
import type { Dropped, LockStore } from './lock-store.js';

/** How often a node re-reads the room's locks while it knows of any (expiries, dead nodes). */
const REFRESH_MS = 1_000;

/**
 * The lock service of a cluster node: the same methods, events and rules as `LockService`, but the
 * arbitration happens in a shared `LockStore` (Redis), so exactly one node grants a lock. Each node
 * keeps a mirror of the room's locks — fed by its own results and by the other nodes' `acquired` /
 * `released` events — because update vetoes must be decided synchronously.
 */
export class SharedLockService implements RoomService {
  readonly name = 'locks';
  private readonly mirror = new Map<string, LockInfo>();
  private readonly orphanTimers = new Map<string, () => void>();
  private refresher: (() => void) | undefined;
  private destroyed = false;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly doc: Y.Doc,
    private readonly store: LockStore,
    private readonly paths: LockPathRule[] = DEFAULT_LOCK_PATHS,
    private readonly now: () => number = Date.now,
  ) {
    // Locks taken on other nodes before this room loaded here.
    this.refresh().catch(() => this.ensureRefresher(true));
  }

  async handle(method: string, params: unknown, caller: ServiceCaller): Promise<unknown> {
    switch (method) {
      case 'acquire':
        return this.acquire(parse(acquireParams, params), caller);
      case 'renew':
        return this.renew(parse(resourceParams, params).resource, caller);
      case 'release':
        return { released: await this.release(parse(resourceParams, params).resource, caller) };
      case 'list':
        return { locks: await this.refresh() };
      default:
        throw new EnsembleError(ErrorCode.BadRequest, `locks has no method ${method}`);
    }
  }

  async acquire(
    request: { resource: string; kind: LockInfo['kind']; region?: LockInfo['region'] | undefined },
    caller: ServiceCaller,
  ): Promise<AcquireResult> {
    if (caller.role === 'viewer') throw new EnsembleError(ErrorCode.Forbidden, 'viewers cannot take locks');
    if (request.kind === 'region' && !request.region) {
      throw new EnsembleError(ErrorCode.BadRequest, 'a region lock needs region {x, y, width, height}');
    }
    const renewal = this.mirror.get(request.resource)?.owner.userId === caller.userId;
    const result = await this.store.acquire(
      this.ctx.room,
      { resource: request.resource, kind: request.kind, region: request.region ?? null },
      { userId: caller.userId, name: caller.userName, connectionId: caller.connectionId },
    );
    this.announceDropped(result);
    if (!result.granted) return { granted: false, heldBy: result.heldBy };
    this.cancelOrphan(request.resource);
    this.remember(result.lock);
    this.ctx.broadcast('acquired', result.lock);
    // A re-acquire by the same user (reconnect) is not news for the activity stream.
    if (!renewal)
      this.activity()?.record({
        type: 'locked',
        userId: caller.userId,
        userName: caller.userName,
        data: { resource: result.lock.resource, kind: result.lock.kind },
      });
    return { granted: true, lock: result.lock };
  }

  async renew(resource: string, caller: ServiceCaller): Promise<AcquireResult> {
    const result = await this.store.renew(this.ctx.room, resource, {
      userId: caller.userId,
      name: caller.userName,
      connectionId: caller.connectionId,
    });
    if (!result) {
      this.forget(resource);
      throw new EnsembleError(ErrorCode.NotFound, `no lock on ${resource}`);
    }
    this.announceDropped(result);
    if (!result.granted) return { granted: false, heldBy: result.heldBy };
    this.remember(result.lock);
    return { granted: true, lock: result.lock };
  }

  async release(resource: string, caller: ServiceCaller): Promise<boolean> {
    const result = await this.store.release(this.ctx.room, resource, {
      userId: caller.userId,
      force: caller.role === 'admin',
    });
    this.announceDropped(result);
    if (result.heldBy) {
      throw new EnsembleError(ErrorCode.Forbidden, `${resource} is held by ${result.heldBy.owner.name}`);
    }
    if (!result.released) {
      this.forget(resource);
      return false;
    }
    this.dropped(result.released, 'released');
    return true;
  }

  onLeave(caller: ServiceCaller): void {
    for (const lock of this.mirror.values()) {
      if (lock.owner.connectionId !== caller.connectionId || lock.kind === 'soft') continue;
      this.cancelOrphan(lock.resource);
      const cancel = this.ctx.setTimer(() => {
        this.orphanTimers.delete(lock.resource);
        // Only if that socket still holds it: the owner may have reconnected and re-acquired.
        this.store
          .release(this.ctx.room, lock.resource, {
            userId: lock.owner.userId,
            force: false,
            connectionId: caller.connectionId,
          })
          .then((result) => {
            this.announceDropped(result);
            if (result.released) this.dropped(result.released, 'owner-left');
          })
          .catch(() => undefined); // Redis away: the lock goes with this node's liveness key.
      }, HARD_LOCK_GRACE_MS);
      this.orphanTimers.set(lock.resource, cancel);
    }
  }

  onClusterEvent(name: string, body: unknown): void {
    if (name === 'acquired') this.remember(body as LockInfo);
    else if (name === 'released') {
      const { resource, token } = body as { resource: string; token: number };
      if (this.mirror.get(resource)?.token === token) this.forget(resource);
    }
  }

  vetoUpdate(update: Uint8Array, caller: ServiceCaller): string | null {
    return hardLockVeto(this.doc, this.paths, this.mirror, update, caller);
  }

  destroy(): void {
    this.destroyed = true;
    this.refresher?.();
    for (const cancel of this.orphanTimers.values()) cancel();
    this.orphanTimers.clear();
    this.mirror.clear();
  }

  /** Re-reads the room's locks: expired ones are announced, the mirror is replaced. */
  private async refresh(): Promise<LockInfo[]> {
    const result = await this.store.list(this.ctx.room);
    this.announceDropped(result);
    if (this.destroyed) return [];
    const current = new Map(result.locks.map((lock) => [lock.resource, lock]));
    for (const [resource, lock] of this.mirror) {
      // Gone without an event reaching us (e.g. Redis restarted): our own sockets must hear of it.
      if (!current.has(resource)) {
        this.ctx.broadcast('released', { resource, token: lock.token, reason: 'expired' }, 'node');
      }
    }
    this.mirror.clear();
    for (const lock of result.locks) this.mirror.set(lock.resource, lock);
    this.ensureRefresher();
    return [...this.mirror.values()].sort((a, b) => a.resource.localeCompare(b.resource));
  }

  /** Locks the store removed while serving us (expired, dead node): exactly one node announces each. */
  private announceDropped(result: Dropped): void {
    for (const { lock, reason } of result.dropped) this.dropped(lock, reason);
  }

  /** Called on exactly one node per removed lock (the store said so), which announces it. */
  private dropped(lock: LockInfo, reason: 'released' | 'expired' | 'owner-left'): void {
    if (this.mirror.get(lock.resource)?.token === lock.token) this.forget(lock.resource);
    this.ctx.broadcast('released', { resource: lock.resource, token: lock.token, reason });
    this.activity()?.record({
      type: 'unlocked',
      userId: lock.owner.userId,
      userName: lock.owner.name,
      data: { resource: lock.resource, kind: lock.kind, reason },
    });
  }

  private activity(): ActivitySink | undefined {
    return this.ctx.peer<RoomService & ActivitySink>('activity');
  }

  private remember(lock: LockInfo): void {
    if (this.destroyed) return;
    this.mirror.set(lock.resource, lock);
    this.ensureRefresher();
  }

  private forget(resource: string): void {
    this.mirror.delete(resource);
    this.cancelOrphan(resource);
  }

  private cancelOrphan(resource: string): void {
    this.orphanTimers.get(resource)?.();
    this.orphanTimers.delete(resource);
  }

  /** While any lock is known: soft locks expire and dead nodes' hard locks vanish only when read. */
  private ensureRefresher(force = false): void {
    if (this.refresher || this.destroyed || (this.mirror.size === 0 && !force)) return;
    this.refresher = this.ctx.setTimer(() => {
      this.refresher = undefined;
      const due =
        force ||
        [...this.mirror.values()].some(
          (lock) => lock.kind !== 'soft' || (lock.expiresAt !== null && lock.expiresAt <= this.now()),
        );
      if (due) this.refresh().catch(() => this.ensureRefresher(true));
      else this.ensureRefresher();
    }, REFRESH_MS);
  }
}
