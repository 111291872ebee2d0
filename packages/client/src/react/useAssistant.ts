import type { AssistantExchange } from '@ensemble/protocol';
import { useCallback } from 'react';
import type { AssistantApi, AssistantState } from '../assistant.js';
import type { Room } from '../client.js';
import { useLiveStore } from './useLiveStore.js';

/**
 * The room's shared assistant thread, live: questions from everyone and answers as they stream.
 * @example
 * const { exchanges, ask } = useAssistant(room);
 * // <form onSubmit={() => ask(draft)}>…</form>
 * // exchanges.map(x => <p key={x.id}><b>{x.askedBy.name}:</b> {x.question}<br />{x.answer}{x.error && ` (${x.error})`}</p>)
 */
export function useAssistant(
  room: Room,
): AssistantState & { ask: (question: string) => Promise<AssistantExchange>; assistant: AssistantApi } {
  const assistant = room.assistant;
  const state = useLiveStore(assistant);
  const ask = useCallback((question: string) => assistant.ask(question), [assistant]);
  return { ...state, ask, assistant };
}
