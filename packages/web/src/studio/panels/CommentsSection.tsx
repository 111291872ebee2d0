import type { ChatComment } from '@ensemble/client';
import { type FormEvent, useId, useState } from 'react';
import { useGraph } from '../hooks';
import { useStudio } from '../StudioContext';

/** Comments pinned to blueprint nodes: add one to the selected node, reply, resolve. */
export function CommentsSection({
  graphNode,
  comments,
  reload,
}: {
  graphNode: string | null;
  comments: ChatComment[];
  reload: () => void;
}) {
  const { room, studio, notify, me } = useStudio();
  const graph = useGraph(studio.graph.root);
  const [draft, setDraft] = useState('');
  const inputId = useId();
  const titleOf = (id: string) => graph.nodes.find((n) => n.id === id)?.title ?? 'a deleted node';
  const pinned = comments.filter((c) => c.anchor?.kind === 'node' && !c.deletedAt);
  const open = pinned.filter((c) => !c.resolvedAt);
  const fail = (e: Error) => notify(`Comments: ${e.message}`);

  const add = (e: FormEvent) => {
    e.preventDefault();
    if (!graphNode || !draft.trim()) return;
    room.chat
      .comment(draft.trim(), room.chat.nodeAnchor(graphNode))
      .then(() => {
        setDraft('');
        reload();
      })
      .catch(fail);
  };
  return (
    <section className="st-comments" aria-label="Comments on graph nodes">
      <h3>
        Comments <span className="muted">({open.length} open)</span>
      </h3>
      {graphNode ? (
        <form className="st-chat-input" onSubmit={add}>
          <label htmlFor={inputId} className="visually-hidden">
            Comment on {titleOf(graphNode)}
          </label>
          <input
            id={inputId}
            data-testid="comment-input"
            value={draft}
            placeholder={`Comment on “${titleOf(graphNode)}”…`}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" className="button">
            Comment
          </button>
        </form>
      ) : (
        <p className="muted">Select a node in the blueprint graph to comment on it.</p>
      )}
      <ul className="st-comment-list">
        {pinned.map((c) => (
          <li
            key={c.id}
            className={`st-comment${c.resolvedAt ? ' is-resolved' : ''}${c.anchor?.kind === 'node' && c.anchor.id === graphNode ? ' is-current' : ''}`}
            data-testid="node-comment"
          >
            <span className="st-comment-target">
              📌 {c.anchor?.kind === 'node' ? titleOf(c.anchor.id) : ''}
            </span>
            <span>
              <strong>{c.userId === me.id ? 'You' : c.userName}:</strong> {c.text}
            </span>
            <button
              type="button"
              className="st-link"
              onClick={() => room.chat.resolve(c.id, !c.resolvedAt).then(reload).catch(fail)}
            >
              {c.resolvedAt ? 'Reopen' : 'Resolve'}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
