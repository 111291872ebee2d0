import type * as Y from 'yjs';
import type { ServiceCaller } from '../service.js';
import type { LockInfo, LockPathRule } from './lock-service.js';
import { touchedRootKeys } from './touched-keys.js';

/**
 * Lock enforcement shared by the single-node and the Redis lock services: the reason to refuse an
 * update that touches a document path guarded by someone else's hard lock, or null.
 */
export function hardLockVeto(
  doc: Y.Doc,
  paths: readonly LockPathRule[],
  locks: ReadonlyMap<string, LockInfo>,
  update: Uint8Array,
  caller: ServiceCaller,
): string | null {
  let anyHard = false;
  for (const lock of locks.values()) if (lock.kind === 'hard') anyHard = true;
  // Decoding the update costs more than this scan; most rooms hold no hard lock.
  if (!anyHard) return null;
  const { keys } = touchedRootKeys(doc, update);
  for (const { root, key } of keys) {
    for (const rule of paths) {
      if (rule.map !== root || !key.startsWith(rule.resourcePrefix)) continue;
      const lock = locks.get(key);
      if (lock && lock.kind === 'hard' && lock.owner.userId !== caller.userId) {
        return `${key} is locked by ${lock.owner.name}`;
      }
    }
  }
  return null;
}
