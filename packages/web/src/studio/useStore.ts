import type { Store } from '@ensemble/client';
import { useSyncExternalStore } from 'react';

/** Renders with a `Store` from the client SDK (snapshots are stable between changes). */
export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
