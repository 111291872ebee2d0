import type { Room } from '@ensemble/client';
import { useChat } from '@ensemble/client/react';
import { type FormEvent, useId, useState } from 'react';
import type { SessionUser } from '../api';
import { errorMessage } from '../errorMessage';

const SHOWN = 20;

/**
 * A short chat beside the draft, in the same room `post:<id>`: whoever edits the post can talk
 * about it (persisted by the server's chat service; the Studio has the full panel).
 */
export function DraftChat({ room, me }: { room: Room; me: SessionUser }) {
  const { messages, typing, chat, loaded } = useChat(room);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const others = typing.filter((t) => t.userId !== me.id);
  const online = room.status === 'synced' || room.status === 'saved';

  const send = (e: FormEvent) => {
    e.preventDefault();
    const text = draft.trim();
    if (!text) return;
    setError(null);
    chat
      .send(text)
      .then(() => setDraft(''))
      .catch((err: unknown) => setError(errorMessage(err)));
    chat.typing(false);
  };

  return (
    <section className="pub-chat" aria-label="Draft chat" data-testid="draft-chat">
      <ol className="pub-chat-list">
        {!loaded ? <li className="muted pub-small">Loading chat…</li> : null}
        {messages.slice(-SHOWN).map((m) => (
          <li key={m.id} className="pub-chat-msg" data-testid="draft-chat-message">
            <strong>{m.userId === me.id ? 'You' : m.userName}</strong>{' '}
            {m.deletedAt ? <span className="muted">(deleted)</span> : <span>{m.text}</span>}
          </li>
        ))}
      </ol>
      {others.length ? (
        <p className="muted pub-small" aria-live="polite">
          {others.map((t) => t.name).join(', ')} typing…
        </p>
      ) : null}
      <form className="pub-chat-form" onSubmit={send}>
        <label className="visually-hidden" htmlFor={inputId}>
          Message
        </label>
        <input
          id={inputId}
          value={draft}
          placeholder={online ? 'Message the people on this draft' : 'Chat needs a connection'}
          disabled={!online}
          onChange={(e) => {
            setDraft(e.target.value);
            chat.typing(e.target.value.length > 0);
          }}
        />
        <button type="submit" className="button" disabled={!online || !draft.trim()}>
          Send
        </button>
      </form>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
