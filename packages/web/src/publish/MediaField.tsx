import { useState } from 'react';
import type { Media } from './publishApi';

/** Media by URL: add image/video links and see them before scheduling. */
export function MediaField({ media, onChange }: { media: Media[]; onChange: (media: Media[]) => void }) {
  const [url, setUrl] = useState('');
  const [type, setType] = useState<Media['type']>('image');
  // One entry per URL: it is also the list key, and a duplicate image is never intended.
  const valid = /^https?:\/\/\S+$/.test(url.trim()) && !media.some((m) => m.url === url.trim());
  const add = () => {
    if (!valid) return;
    onChange([...media, { url: url.trim(), type }]);
    setUrl('');
  };
  return (
    <fieldset className="pub-fieldset">
      <legend>Media</legend>
      <div className="pub-row">
        <input
          type="url"
          placeholder="https://example.com/photo.jpg"
          value={url}
          aria-label="Media URL"
          onChange={(e) => setUrl(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <select
          value={type}
          aria-label="Media type"
          onChange={(e) => setType(e.target.value as Media['type'])}
        >
          <option value="image">Image</option>
          <option value="video">Video</option>
        </select>
        <button type="button" className="button" disabled={!valid} onClick={add}>
          Add
        </button>
      </div>
      {media.length > 0 ? (
        <ul className="pub-media-list">
          {media.map((m) => (
            <li key={m.url} className="pub-media-item">
              {m.type === 'image' ? (
                <img src={m.url} alt="" loading="lazy" />
              ) : (
                <video src={m.url} muted preload="metadata" />
              )}
              <button
                type="button"
                className="button button-ghost"
                aria-label={`Remove ${m.url}`}
                onClick={() => onChange(media.filter((other) => other.url !== m.url))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
