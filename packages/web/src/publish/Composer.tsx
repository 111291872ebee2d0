import { type FormEvent, useState } from 'react';
import { errorMessage } from '../errorMessage';
import { AccountPicker } from './AccountPicker';
import { MediaField } from './MediaField';
import { ProductField } from './ProductField';
import { usePublish } from './PublishContext';
import type { Media, ProductCard } from './publishApi';
import { ScheduleField } from './ScheduleField';
import { browserTimeZone, instantToZoned, zonedToInstant } from './zonedTime';

const inTenMinutes = (timeZone: string) => instantToZoned(Date.now() + 10 * 60_000, timeZone);

/**
 * Writes a post and schedules it (or saves it as a draft) on one or more accounts. Each account
 * gets its own post, because each one is published, retried and reported on separately.
 */
export function Composer({ onCreated }: { onCreated?: (postIds: string[]) => void }) {
  const { api, accounts, clients, postsChanged } = usePublish();
  const [content, setContent] = useState('');
  const [media, setMedia] = useState<Media[]>([]);
  const [product, setProduct] = useState<ProductCard | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [when, setWhen] = useState(() => {
    const timeZone = browserTimeZone();
    return { local: inTenMinutes(timeZone), timeZone };
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const submit = async (draft: boolean) => {
    setError(null);
    setNotice(null);
    if (selected.length === 0) return setError('Pick at least one account.');
    setBusy(true);
    const created: string[] = [];
    try {
      const scheduledAt = zonedToInstant(when.local, when.timeZone);
      for (const accountId of selected) {
        const post = await api.createPost({
          accountId,
          content,
          media,
          ...(product ? { product } : {}),
          timeZone: when.timeZone,
          ...(draft ? { draft: true } : { scheduledAt }),
        });
        created.push(post.id);
      }
      setNotice(
        draft
          ? `Saved ${created.length} draft(s).`
          : `Scheduled ${created.length} post(s) for ${when.local}.`,
      );
      setContent('');
      setMedia([]);
      setProduct(null);
      onCreated?.(created);
    } catch (e) {
      // Earlier accounts may have succeeded: say so rather than hide them.
      setError(
        `${errorMessage(e)}${created.length ? ` (${created.length} post(s) were created before this)` : ''}`,
      );
    } finally {
      setBusy(false);
      if (created.length) postsChanged();
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(false);
  };

  return (
    <form className="card pub-composer" onSubmit={onSubmit} aria-label="Compose a post">
      <h2>New post</h2>
      <label className="field">
        <span>Content</span>
        <textarea
          rows={5}
          value={content}
          placeholder="What do you want to say?"
          onChange={(e) => setContent(e.target.value)}
        />
        <span className="muted pub-small">{content.length} characters</span>
      </label>
      <MediaField media={media} onChange={setMedia} />
      <ProductField product={product} onChange={setProduct} />
      <AccountPicker accounts={accounts} clients={clients} selected={selected} onChange={setSelected} />
      <ScheduleField local={when.local} timeZone={when.timeZone} onChange={setWhen} />
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p className="pub-notice" role="status">
          {notice}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          Schedule
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => void submit(true)}>
          Save draft
        </button>
      </div>
    </form>
  );
}
