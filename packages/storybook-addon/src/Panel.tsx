// Storybook bundles manager entries with the classic JSX transform: React must be in scope.
import React, { type CSSProperties, type FormEvent } from 'react';
import type { ChatLine, PanelState, Person } from './channel.js';

export interface PanelProps {
  state: PanelState;
  /** Sends a chat message through the preview's room. */
  onSend: (text: string) => void;
  /** Changes my display name (the `ensembleUser` global). */
  onRename: (name: string) => void;
}

const STATUS_LABEL: Record<PanelState['status'], string> = {
  disabled: 'Multiplayer off for this story',
  connecting: 'Connecting…',
  connected: 'Syncing…',
  synced: 'Live',
  saved: 'Live',
  offline: 'Offline — reconnecting',
  error: 'Not connected',
};

const styles = {
  root: { display: 'grid', gap: 12, padding: 12, font: '13px/1.4 system-ui, sans-serif' },
  row: { display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' },
  dot: (color: string): CSSProperties => ({
    width: 10,
    height: 10,
    borderRadius: '50%',
    background: color,
    display: 'inline-block',
    flex: 'none',
  }),
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 4 },
  chat: {
    listStyle: 'none',
    margin: 0,
    padding: 8,
    display: 'grid',
    gap: 6,
    maxHeight: 220,
    overflowY: 'auto',
    border: '1px solid rgba(128,128,128,0.3)',
    borderRadius: 6,
  },
  input: { flex: 1, minWidth: 120, padding: '4px 8px', font: 'inherit' },
  error: { color: '#e5484d' },
  h: { margin: 0, fontSize: 12, textTransform: 'uppercase', letterSpacing: 0.5, opacity: 0.7 },
} satisfies Record<string, CSSProperties | ((color: string) => CSSProperties)>;

function PersonRow({ person, me }: { person: Pick<Person, 'name' | 'color' | 'pointing'>; me?: boolean }) {
  return (
    <li data-testid="ensemble-person" data-name={person.name} style={styles.row}>
      <span style={styles.dot(person.color)} />
      <span>
        {person.name}
        {me ? ' (you)' : ''}
      </span>
      {person.pointing ? <span style={{ opacity: 0.6 }}>· on the canvas</span> : null}
    </li>
  );
}

function ChatRow({ line }: { line: ChatLine }) {
  return (
    <li data-testid="ensemble-chat-line" data-mine={line.mine}>
      <strong style={{ color: line.color }}>{line.name}</strong>{' '}
      <time dateTime={line.at} style={{ opacity: 0.6, fontSize: 11 }}>
        {new Date(line.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
      </time>
      <div>{line.text}</div>
    </li>
  );
}

/** The manager panel: connection, who is viewing this story, my name, and the story room's chat. */
export function Panel({ state, onSend, onRename }: PanelProps) {
  const [draft, setDraft] = React.useState('');
  const [name, setName] = React.useState(state.me?.name ?? '');
  const chatEnd = React.useRef<HTMLLIElement>(null);
  React.useEffect(() => setName(state.me?.name ?? ''), [state.me?.name]);
  const chatLength = state.chat.length;
  React.useEffect(() => {
    // Keep the newest message in view when one arrives.
    if (chatLength > 0) chatEnd.current?.scrollIntoView?.({ block: 'nearest' });
  }, [chatLength]);

  const live = state.status === 'synced' || state.status === 'saved';
  const send = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.trim()) return;
    onSend(draft);
    setDraft('');
  };
  const rename = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() && name.trim() !== state.me?.name) onRename(name.trim());
  };

  return (
    <section
      aria-label="Multiplayer"
      data-testid="ensemble-panel"
      data-status={state.status}
      style={styles.root}
    >
      <div style={styles.row}>
        <span style={styles.dot(live ? '#46a758' : state.status === 'error' ? '#e5484d' : '#ffc53d')} />
        <strong data-testid="ensemble-status">{STATUS_LABEL[state.status]}</strong>
        {state.room ? <code style={{ opacity: 0.7 }}>{state.room}</code> : null}
      </div>
      {state.error ? (
        <p role="alert" style={styles.error}>
          {state.error}
        </p>
      ) : null}
      {state.status === 'disabled' ? null : (
        <>
          <form onSubmit={rename} style={styles.row} aria-label="Your name">
            <label htmlFor="ensemble-name">Your name</label>
            <input
              id="ensemble-name"
              value={name}
              maxLength={64}
              onChange={(e) => setName(e.target.value)}
              style={styles.input}
            />
            <button type="submit">Rename</button>
          </form>
          <div>
            <h3 style={styles.h}>Here now ({state.others.length + (state.me ? 1 : 0)})</h3>
            <ul style={styles.list} data-testid="ensemble-people">
              {state.me ? <PersonRow person={{ ...state.me, pointing: false }} me /> : null}
              {state.others.map((person) => (
                <PersonRow key={person.clientId} person={person} />
              ))}
            </ul>
          </div>
          <div style={{ display: 'grid', gap: 6 }}>
            <h3 style={styles.h}>Chat</h3>
            <ul style={styles.chat} aria-label="Chat messages" aria-live="polite">
              {state.chat.length === 0 ? <li style={{ opacity: 0.6 }}>No messages yet.</li> : null}
              {state.chat.map((line) => (
                <ChatRow key={line.id} line={line} />
              ))}
              <li ref={chatEnd} aria-hidden="true" />
            </ul>
            {state.chatError ? (
              <p role="alert" style={styles.error}>
                {state.chatError}
              </p>
            ) : null}
            <form onSubmit={send} style={styles.row} aria-label="Send a message">
              <input
                aria-label="Message"
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
                placeholder={live ? 'Say something about this story…' : 'Waiting for the room…'}
                disabled={!live}
                style={styles.input}
              />
              <button type="submit" disabled={!live || !draft.trim()}>
                Send
              </button>
            </form>
          </div>
        </>
      )}
    </section>
  );
}
