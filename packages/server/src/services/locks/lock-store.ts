import type { LockInfo, LockKind, Region } from './lock-service.js';

export interface LockRequest {
  resource: string;
  kind: LockKind;
  region: Region | null;
}

export interface LockHolder {
  userId: string;
  name: string;
  connectionId: string;
}

/** Locks that a store operation found expired (or orphaned by a dead node) and removed on the way. */
export interface Dropped {
  dropped: { lock: LockInfo; reason: 'expired' | 'owner-left' }[];
}

export type StoreAcquireResult = ({ granted: true; lock: LockInfo } | { granted: false; heldBy: LockInfo }) &
  Dropped;

/**
 * Where cluster-wide lock state lives (Redis): every operation is atomic across nodes and hands out
 * fencing tokens from one per-room counter. The in-memory `LockService` is the single-node
 * implementation of the same rules; `SharedLockService` runs them against this store.
 */
export interface LockStore {
  acquire(room: string, request: LockRequest, holder: LockHolder): Promise<StoreAcquireResult>;
  /** Null when there is no such lock. */
  renew(room: string, resource: string, holder: LockHolder): Promise<StoreAcquireResult | null>;
  /**
   * Removes the lock if `userId` owns it (or `force`), and — when `connectionId` is given — only if
   * that connection still holds it (a disconnect grace timer must not drop a lock taken over since).
   */
  release(
    room: string,
    resource: string,
    by: { userId: string; force: boolean; connectionId?: string },
  ): Promise<{ released: LockInfo | null; heldBy: LockInfo | null } & Dropped>;
  list(room: string): Promise<{ locks: LockInfo[] } & Dropped>;
}
