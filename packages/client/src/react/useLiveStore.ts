import { useCallback, useSyncExternalStore } from 'react';
import type { LiveStore, LoadableState } from '../live-store.js';

/** The current state of a live list (chat, activity, assistant thread); the first use loads it. */
export function useLiveStore<S extends LoadableState>(store: LiveStore<S>): S {
  const subscribe = useCallback((listener: () => void) => store.subscribe(listener), [store]);
  const getState = useCallback(() => store.getState(), [store]);
  return useSyncExternalStore(subscribe, getState, getState);
}
