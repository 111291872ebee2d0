import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../errorMessage';
import { useSession } from '../SessionContext';
import { usePolling } from '../usePolling';
import { AttemptHistory } from './AttemptHistory';
import { DraftEditor } from './DraftEditor';
import { PostActions } from './PostActions';
import { ProductCardView } from './ProductField';
import { usePublish } from './PublishContext';
import { StatusBadge } from './StatusBadge';
import { formatInZone } from './zonedTime';

/** One post: content, media, schedule, outcome, what can be done, and every attempt. */
export function PostDetail({ postId, onClose }: { postId: string; onClose: () => void }) {
  const { api, accounts, postsChanged } = usePublish();
  const { session } = useSession();
  const load = useCallback((signal: AbortSignal) => api.post(postId, signal), [api, postId]);
  const { data: post, error, refresh } = usePolling(load, 1_500);
  const [productError, setProductError] = useState<string | null>(null);
  // The open post polls faster than the list: when it moves on, let the list catch up at once.
  const status = post?.status;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on status changes only
  useEffect(() => {
    if (status) postsChanged();
  }, [status]);
  if (!post) {
    return (
      <section className="card pub-detail" aria-label="Post">
        {error ? <p className="form-error">{errorMessage(error)}</p> : <p className="loading">Loading…</p>}
      </section>
    );
  }
  const account = accounts.find((a) => a.id === post.accountId);
  return (
    <section className="card pub-detail" aria-label="Post" data-testid="post-detail">
      <div className="pub-detail-head">
        <StatusBadge status={post.status} />
        <button type="button" className="button button-ghost" onClick={onClose}>
          Close
        </button>
      </div>
      {post.status === 'draft' && session ? (
        <DraftEditor post={post} token={session.token} user={session.user} />
      ) : (
        <p className="pub-detail-text">{post.content}</p>
      )}
      {post.product ? (
        <ProductCardView
          product={post.product}
          {...(post.status === 'draft' || post.status === 'scheduled'
            ? {
                onRemove: () => {
                  setProductError(null);
                  void api
                    .setProduct(post.id, null)
                    .then(() => {
                      refresh();
                      postsChanged();
                    })
                    .catch((e: unknown) => setProductError(errorMessage(e)));
                },
              }
            : {})}
        />
      ) : null}
      {productError ? (
        <p className="form-error" role="alert">
          {productError}
        </p>
      ) : null}
      {post.media.length ? (
        <ul className="pub-media-list">
          {post.media.map((m) => (
            <li key={m.url} className="pub-media-item">
              {m.type === 'image' ? <img src={m.url} alt="" /> : <video src={m.url} muted />}
            </li>
          ))}
        </ul>
      ) : null}
      <dl className="pub-facts">
        <dt>Account</dt>
        <dd>{account ? `${account.name} (${account.platform})` : post.accountId}</dd>
        <dt>Scheduled</dt>
        <dd>{post.scheduledAt ? formatInZone(post.scheduledAt, post.timeZone) : 'not yet'}</dd>
        {post.nextAttemptAt && post.status === 'publishing' ? (
          <>
            <dt>Next attempt</dt>
            <dd>{new Date(post.nextAttemptAt).toLocaleString()}</dd>
          </>
        ) : null}
        {post.publishedAt ? (
          <>
            <dt>Published</dt>
            <dd>
              {new Date(post.publishedAt).toLocaleString()}
              {post.externalUrl ? (
                <>
                  {' · '}
                  <a href={post.externalUrl} target="_blank" rel="noreferrer">
                    view on {account?.platform ?? 'the platform'}
                  </a>
                </>
              ) : null}
            </dd>
          </>
        ) : null}
        {post.lastError && post.status !== 'published' ? (
          <>
            <dt>Reason</dt>
            <dd className="pub-error-line" data-testid="post-error">
              {post.lastError}
            </dd>
          </>
        ) : null}
      </dl>
      <PostActions post={post} onChanged={refresh} />
      <h3>Attempts</h3>
      <AttemptHistory events={post.attemptLog} />
    </section>
  );
}
