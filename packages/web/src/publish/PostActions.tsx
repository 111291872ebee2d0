import { useState } from 'react';
import { errorMessage } from '../errorMessage';
import { usePublish } from './PublishContext';
import type { Post } from './publishApi';
import { RescheduleForm } from './RescheduleForm';

/**
 * What can still be done with a post. The server enforces the same rules (409 once publishing has
 * begun); buttons only appear where they can succeed, and a lost race shows the server's reason.
 */
export function PostActions({ post, onChanged }: { post: Post; onChanged: () => void }) {
  const { api, postsChanged } = usePublish();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
      onChanged();
      postsChanged();
    }
  };
  const editable = post.status === 'draft' || post.status === 'scheduled';
  const retryable = post.status === 'failed' || post.status === 'unconfirmed';
  return (
    <div className="pub-actions">
      {editable ? (
        <RescheduleForm
          post={post}
          busy={busy}
          onSubmit={(at, zone) =>
            void run(() =>
              post.status === 'draft'
                ? api.schedule(post.id, at)
                : api.reschedule(post.id, at, zone, post.version),
            )
          }
        />
      ) : null}
      <div className="actions">
        {editable ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run(() => api.cancel(post.id))}
          >
            Cancel post
          </button>
        ) : null}
        {retryable ? (
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            onClick={() => void run(() => api.retry(post.id))}
          >
            {post.status === 'unconfirmed' ? 'Not on the platform: retry' : 'Retry now'}
          </button>
        ) : null}
      </div>
      {post.status === 'unconfirmed' ? (
        <p className="muted pub-small">
          Check the account first: retry only if the post is not there, or cancel if it is.
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
