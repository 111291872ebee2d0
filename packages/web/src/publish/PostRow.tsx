import type { Account, Post } from './publishApi';
import { StatusBadge } from './StatusBadge';
import { formatInZone } from './zonedTime';

/** One post in the list: what, where, when, and how it went. */
export function PostRow({
  post,
  account,
  onOpen,
}: {
  post: Post;
  account: Account | undefined;
  onOpen: (id: string) => void;
}) {
  return (
    <li className="pub-post-row" data-testid="post-row" data-post-id={post.id}>
      <button type="button" className="pub-post-open" onClick={() => onOpen(post.id)}>
        <span className="pub-post-text">{post.content || <em className="muted">(media only)</em>}</span>
        <span className="muted pub-small">
          {account ? `${account.name} · ${account.platform}` : 'unknown account'}
          {post.scheduledAt ? ` · ${formatInZone(post.scheduledAt, post.timeZone)}` : ' · no time yet'}
        </span>
        {post.lastError && post.status !== 'published' ? (
          <span className="pub-error-line pub-small">{post.lastError}</span>
        ) : null}
      </button>
      <StatusBadge status={post.status} />
    </li>
  );
}
