import { errorMessage } from '../errorMessage';
import { PostRow } from './PostRow';
import { usePublish } from './PublishContext';
import { POST_STATUSES, type PostStatus } from './publishApi';
import { statusLabel } from './StatusBadge';
import { usePosts } from './usePosts';

/** Posts newest first, filtered by status on the server (the list is indexed for that). */
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
  const { data, error, loading } = usePosts(status);
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
      {data?.nextCursor ? <p className="muted pub-small">Showing the newest 200.</p> : null}
    </section>
  );
}
