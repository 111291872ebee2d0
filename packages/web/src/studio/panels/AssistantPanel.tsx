import { useAssistant } from '@ensemble/client/react';
import { type FormEvent, useId, useState } from 'react';
import { useStudio } from '../StudioContext';

/** The room's shared Q&A: everyone sees every question and its answer as it streams. */
export function AssistantPanel() {
  const { room, me, notify } = useStudio();
  const { exchanges, ask, loaded } = useAssistant(room);
  const [draft, setDraft] = useState('');
  const inputId = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!draft.trim()) return;
    ask(draft.trim())
      .then(() => setDraft(''))
      .catch((error: Error) => notify(`Assistant: ${error.message}`));
  };
  return (
    <div className="st-assistant">
      <ol className="st-exchanges" aria-label="Questions and answers" aria-live="polite">
        {exchanges.map((x) => (
          <li key={x.id} className="st-exchange" data-testid="assistant-exchange">
            <p>
              <strong>{x.askedBy.userId === me.id ? 'You' : x.askedBy.name}:</strong> {x.question}
            </p>
            <p className="st-answer">
              {x.answer || (x.status === 'pending' ? '…' : '')}
              {x.error && <span className="form-error"> ({x.error})</span>}
              <span className="muted"> — {x.answerer}</span>
            </p>
          </li>
        ))}
        {loaded && exchanges.length === 0 && (
          <li className="muted">
            Ask about this room: who is here, who changed a node, what changed lately…
          </li>
        )}
      </ol>
      <form className="st-chat-input" onSubmit={submit} aria-label="Ask the assistant">
        <label htmlFor={inputId} className="visually-hidden">
          Question
        </label>
        <input
          id={inputId}
          value={draft}
          placeholder="Who is here? What changed in the last 10 minutes?"
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" className="button">
          Ask
        </button>
      </form>
    </div>
  );
}
