import { useCallback, useEffect, useRef } from 'react';
import { usePolling } from '../usePolling';
import { usePublish } from './PublishContext';
import type { PostStatus } from './publishApi';

/**
 * One page of the current company's posts (optionally one status; `cursor` from the previous
 * page's `nextCursor`), polled every 2 s so the worker's progress (publishing → published/failed)
 * shows up without a reload, and refetched at once after a write or a filter/page change.
 *
 * @example
 * const { data } = usePosts('failed');
 * const { data: older } = usePosts(undefined, { cursor: data?.nextCursor, limit: 50 });
 */
export function usePosts(status?: PostStatus, page: { cursor?: string | null; limit?: number } = {}) {
  const { api, postsGeneration } = usePublish();
  const { cursor = null, limit } = page;
  const load = useCallback(
    (signal: AbortSignal) => api.posts({ status, cursor, ...(limit ? { limit } : {}) }, signal),
    [api, status, cursor, limit],
  );
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
