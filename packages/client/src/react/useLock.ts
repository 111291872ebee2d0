import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { Room } from '../client.js';
import type { AcquireResult, LockInfo, LockKind } from '../locks.js';
import { lockStore } from '../stores.js';

/**
 * The current lock on `resource` and functions to take and release it.
 * @example
 * const { lock, acquire, release } = useLock(room, `node:${id}`);
 * // lock && lock.owner.userId !== me ? `Being edited by ${lock.owner.name}` : null
 */
export function useLock(
  room: Room,
  resource: string,
  kind: LockKind = 'soft',
): { lock: LockInfo | undefined; acquire: () => Promise<AcquireResult>; release: () => Promise<boolean> } {
  const store = useMemo(() => lockStore(room, resource), [room, resource]);
  const lock = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  const acquire = useCallback(() => room.locks.acquire(resource, { kind }), [room, resource, kind]);
  const release = useCallback(() => room.locks.release(resource), [room, resource]);
  return { lock, acquire, release };
}
