import { useEffect, useRef, useState } from 'react';
import type { SessionUser } from '../api';
import { errorMessage } from '../errorMessage';
import { DraftChat } from './DraftChat';
import { usePublish } from './PublishContext';
import type { Post } from './publishApi';
import { textDiff } from './textDiff';
import { useDraftRoom } from './useDraftRoom';

const SAVE_AFTER_MS = 700;

/**
 * A draft's text, edited live by everyone who has the post open (room `post:<id>`). The room is
 * the source of truth while drafting; the post row is saved from it shortly after each local edit,
 * so scheduling publishes what everyone sees. The room keeps a copy on this device: without a
 * connection the draft stays editable (if it was opened here before), survives a reload, and the
 * post row is saved once the room is back online.
 */
export function DraftEditor({ post, token, user }: { post: Post; token: string; user: SessionUser }) {
  const { api, postsChanged } = usePublish();
  const { room, text, synced, localLoaded, status, peers } = useDraftRoom(post.id, token, user);
  const [value, setValue] = useState(post.content);
  const [saveState, setSaveState] = useState<'saved' | 'saving' | 'dirty' | string>('saved');
  const seeded = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Offline, the device's copy is enough to edit — but only once it holds the draft: seeding from
  // the post row without the server could put the text in twice.
  const editable = synced || (localLoaded && (text?.length ?? 0) > 0);

  useEffect(() => {
    if (!text || !(synced || localLoaded)) return;
    // The first one in seeds the room from the stored draft; later arrivals find it filled.
    if (synced && !seeded.current && text.length === 0 && post.content) text.insert(0, post.content);
    if (synced) seeded.current = true;
    const show = () => setValue(text.toString());
    show();
    text.observe(show);
    return () => text.unobserve(show);
  }, [text, synced, localLoaded, post.content]);

  // A save still waiting when the editor closes is sent at once, so closing never loses an edit.
  const pending = useRef<(() => void) | undefined>(undefined);
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      pending.current?.();
    },
    [],
  );

  // The post row can only be saved online; an edit made offline is saved when the room is back.
  const online = useRef(synced);
  online.current = synced;
  const save = (content: string) => {
    clearTimeout(timer.current);
    setSaveState('dirty');
    const send = () => {
      if (!online.current) return;
      pending.current = undefined;
      setSaveState('saving');
      api
        .updateContent(post.id, content)
        .then(() => {
          setSaveState('saved');
          postsChanged();
        })
        .catch((e: unknown) => setSaveState(errorMessage(e)));
    };
    pending.current = send;
    timer.current = setTimeout(send, SAVE_AFTER_MS);
  };
  // Back online (also after a reload that kept offline edits): if the room holds something the
  // post row does not, save it, so scheduling publishes what everyone sees.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the room comes back only
  useEffect(() => {
    if (synced && text && (pending.current || text.toString() !== post.content)) save(text.toString());
  }, [synced]);

  const onChange = (next: string) => {
    if (!text) return;
    const edit = textDiff(text.toString(), next);
    if (!edit) return;
    text.doc?.transact(() => {
      if (edit.remove) text.delete(edit.index, edit.remove);
      if (edit.insert) text.insert(edit.index, edit.insert);
    });
    save(next);
  };

  return (
    <div
      className="pub-draft"
      data-testid="draft-editor"
      data-room={synced ? 'live' : status === 'offline' ? 'offline' : 'connecting'}
      data-save={
        saveState === 'saved' || saveState === 'dirty' || saveState === 'saving' ? saveState : 'error'
      }
    >
      <div className="pub-draft-bar">
        <span className="muted pub-small">
          {synced ? 'Live draft' : status === 'offline' && editable ? 'Offline' : 'Connecting…'} ·{' '}
          {saveState === 'saved'
            ? 'saved'
            : !synced && saveState === 'dirty'
              ? 'kept on this device, saved when back online'
              : saveState === 'dirty' || saveState === 'saving'
                ? 'saving…'
                : saveState}
        </span>
        <ul className="pub-peers" aria-label="Also editing">
          {peers.map((p) => (
            <li key={p.clientId} className="pub-peer" title={p.name} data-testid="draft-peer">
              <span className="user-dot" style={{ background: p.color }} />
              {p.name}
            </li>
          ))}
        </ul>
      </div>
      <textarea
        aria-label="Draft text"
        rows={5}
        value={value}
        disabled={!editable}
        onChange={(e) => onChange(e.target.value)}
      />
      {room ? <DraftChat room={room} me={user} /> : null}
    </div>
  );
}
