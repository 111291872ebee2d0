import { useCallback, useEffect, useRef } from 'react';
import { usePolling } from '../usePolling';
import { usePublish } from './PublishContext';
import type { PostStatus } from './publishApi';

/**
 * Posts of the current company (optionally one status), polled every 2 s so the worker's progress
 * (publishing → published/failed) shows up without a reload, and refetched at once after a write
 * or a filter change.
 *
 * @example
 * const { data } = usePosts('failed');
 */
export function usePosts(status?: PostStatus) {
  const { api, postsGeneration } = usePublish();
  const load = useCallback((signal: AbortSignal) => api.posts({ status }, signal), [api, status]);
  const state = usePolling(load, 2_000);
  const { refresh } = state;
  // usePolling keeps calling the latest `load`; a new one (or a write) should not wait for the tick.
  const seen = useRef({ load, postsGeneration });
  useEffect(() => {
    if (seen.current.load === load && seen.current.postsGeneration === postsGeneration) return;
    seen.current = { load, postsGeneration };
    refresh();
  }, [load, postsGeneration, refresh]);
  return state;
}
