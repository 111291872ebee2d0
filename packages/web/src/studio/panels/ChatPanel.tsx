import type { ChatComment, ChatMessage } from '@ensemble/client';
import { useChat } from '@ensemble/client/react';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { typingText } from '../logic/collab';
import { useStudio } from '../StudioContext';
import { CommentsSection } from './CommentsSection';

export const REACTIONS = ['👍', '🎉', '❤️', '😄'] as const;

function Message({ message, mine }: { message: ChatMessage; mine: boolean }) {
  const { room, notify, me } = useStudio();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(message.text);
  const fail = (e: Error) => notify(`Chat: ${e.message}`);
  if (message.deletedAt) {
    return (
      <li className="st-msg is-deleted" data-testid="chat-message">
        <span className="muted">{message.userName}’s message was deleted</span>
      </li>
    );
  }
  const save = (e: FormEvent) => {
    e.preventDefault();
    if (!draft.trim()) return;
    room.chat
      .edit(message.id, draft.trim())
      .then(() => setEditing(false))
      .catch(fail);
  };
  return (
    <li className="st-msg" data-testid="chat-message" data-author={message.userName}>
      <div className="st-msg-head">
        <strong>{mine ? 'You' : message.userName}</strong>
        <span className="muted">
          {new Date(message.createdAt).toLocaleTimeString()}
          {message.editedAt && ' · edited'}
        </span>
      </div>
      {editing ? (
        <form onSubmit={save} className="st-msg-edit">
          <label className="visually-hidden" htmlFor={`edit-${message.id}`}>
            Edit message
          </label>
          <input id={`edit-${message.id}`} value={draft} onChange={(e) => setDraft(e.target.value)} />
          <button type="submit" className="button">
            Save
          </button>
          <button type="button" className="button button-ghost" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <p className="st-msg-text" data-testid="chat-text">
          {message.text}
        </p>
      )}
      <div className="st-msg-actions">
        {REACTIONS.map((emoji) => {
          const r = message.reactions.find((x) => x.emoji === emoji);
          const reacted = r?.users.some((u) => u.userId === me.id) ?? false;
          return (
            <button
              key={emoji}
              type="button"
              className={`st-reaction${r ? ' has-count' : ''}`}
              aria-pressed={reacted}
              aria-label={`React ${emoji}${r ? ` (${r.count}: ${r.users.map((u) => u.name).join(', ')})` : ''}`}
              title={r ? r.users.map((u) => u.name).join(', ') : undefined}
              data-testid="reaction"
              data-emoji={emoji}
              onClick={() => room.chat.react(message.id, emoji).catch(fail)}
            >
              {emoji}
              {r && <span data-testid="reaction-count">{r.count}</span>}
            </button>
          );
        })}
        {mine && !editing && (
          <>
            <button type="button" className="st-link" onClick={() => setEditing(true)}>
              Edit
            </button>
            <button
              type="button"
              className="st-link"
              onClick={() => room.chat.delete(message.id).catch(fail)}
            >
              Delete
            </button>
          </>
        )}
      </div>
    </li>
  );
}

/** The room's chat: messages, reactions, edit/delete your own, typing indicator, unread count. */
export function ChatPanel({
  graphNode,
  comments,
  reloadComments,
}: {
  graphNode: string | null;
  comments: ChatComment[];
  reloadComments: () => void;
}) {
  const { room, me, notify } = useStudio();
  const { messages, typing, unread, chat, loaded } = useChat(room);
  const [draft, setDraft] = useState('');
  const inputId = useId();
  const list = useRef<HTMLOListElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll to the newest message when one arrives
  useEffect(() => {
    list.current?.scrollTo({ top: list.current.scrollHeight });
  }, [messages.length]);

  const send = (e: FormEvent) => {
    e.preventDefault();
    const text = draft.trim();
    if (!text) return;
    chat.typing(false);
    chat
      .send(text)
      .then(() => {
        setDraft('');
        return chat.markRead();
      })
      .catch((error: Error) => notify(`Chat: ${error.message}`));
  };
  const markRead = () => {
    if (unread > 0) chat.markRead().catch(() => undefined);
  };
  const who = typingText(typing, me.id);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: entering the chat only marks it read; every control inside is a real button or input
    <div className="st-chat" onPointerEnter={markRead} onFocus={markRead}>
      {unread > 0 && (
        <p className="st-unread" data-testid="chat-unread" role="status">
          {unread} unread
        </p>
      )}
      <ol className="st-messages" ref={list} aria-label="Chat messages" data-testid="chat-messages">
        {messages.map((m) => (
          <Message key={m.id} message={m} mine={m.userId === me.id} />
        ))}
        {loaded && messages.length === 0 && <li className="muted">No messages yet.</li>}
      </ol>
      <p className="st-typing muted" aria-live="polite" data-testid="chat-typing">
        {who}
      </p>
      <form className="st-chat-input" onSubmit={send} aria-label="Send a message">
        <label htmlFor={inputId} className="visually-hidden">
          Message
        </label>
        <input
          id={inputId}
          value={draft}
          placeholder="Message the room…"
          maxLength={4000}
          onChange={(e) => {
            setDraft(e.target.value);
            chat.typing(e.target.value.length > 0);
          }}
          onBlur={() => chat.typing(false)}
        />
        <button type="submit" className="button button-primary">
          Send
        </button>
      </form>
      <CommentsSection graphNode={graphNode} comments={comments} reload={reloadComments} />
    </div>
  );
}

/** Unread count for the tab / header. */
export function ChatUnreadBadge() {
  const { room } = useStudio();
  const { unread } = useChat(room);
  if (unread === 0) return null;
  return (
    <span className="st-tab-badge" data-testid="chat-unread-badge">
      {unread}
      <span className="visually-hidden"> unread</span>
    </span>
  );
}
