import { useEffect, useState } from 'react';
import { errorMessage } from '../errorMessage';
import { PostRow } from './PostRow';
import { usePublish } from './PublishContext';
import { currentCursor, firstPage, newerPage, olderPage, POSTS_PER_PAGE, pageNumber } from './postPages';
import { POST_STATUSES, type PostStatus } from './publishApi';
import { statusLabel } from './StatusBadge';
import { usePosts } from './usePosts';

/**
 * Posts newest first, filtered by status on the server (the list is indexed for that), a page of
 * POSTS_PER_PAGE at a time with Newer/Older (keyset cursors: pages stay exact while posts arrive).
 */
export function PostList({
  status,
  onStatus,
  onOpen,
}: {
  status: PostStatus | undefined;
  onStatus: (status: PostStatus | undefined) => void;
  onOpen: (id: string) => void;
}) {
  const { accounts } = usePublish();
  const [trail, setTrail] = useState(firstPage);
  // A new filter starts again from the newest posts.
  // biome-ignore lint/correctness/useExhaustiveDependencies: resets on filter changes only
  useEffect(() => setTrail(firstPage()), [status]);
  const { data, error, loading } = usePosts(status, {
    cursor: currentCursor(trail),
    limit: POSTS_PER_PAGE,
  });
  const page = pageNumber(trail);
  return (
    <section className="card" aria-label="Posts">
      <fieldset className="pub-filters">
        <legend className="visually-hidden">Filter by status</legend>
        <button
          type="button"
          className={`pub-chip${status ? '' : ' pub-chip-on'}`}
          aria-pressed={!status}
          onClick={() => onStatus(undefined)}
        >
          All
        </button>
        {POST_STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            className={`pub-chip${status === s ? ' pub-chip-on' : ''}`}
            aria-pressed={status === s}
            onClick={() => onStatus(s)}
          >
            {statusLabel(s)}
          </button>
        ))}
      </fieldset>
      {error ? <p className="form-error">{errorMessage(error)}</p> : null}
      {loading ? <p className="loading">Loading posts…</p> : null}
      {data && data.posts.length === 0 ? (
        <p className="muted">{status ? `No ${statusLabel(status).toLowerCase()} posts.` : 'No posts yet.'}</p>
      ) : null}
      <ul className="pub-post-list">
        {data?.posts.map((post) => (
          <PostRow
            key={post.id}
            post={post}
            account={accounts.find((a) => a.id === post.accountId)}
            onOpen={onOpen}
          />
        ))}
      </ul>
      {page > 1 || data?.nextCursor ? (
        <nav className="pub-pager" aria-label="Pages of posts">
          <button
            type="button"
            className="button"
            disabled={page === 1}
            onClick={() => setTrail(newerPage(trail))}
          >
            Newer
          </button>
          <span className="muted pub-small" data-testid="post-page">
            Page {page}
          </span>
          <button
            type="button"
            className="button"
            disabled={!data?.nextCursor}
            onClick={() => data?.nextCursor && setTrail(olderPage(trail, data.nextCursor))}
          >
            Older
          </button>
        </nav>
      ) : null}
    </section>
  );
}
