import type { ChatApi, ChatState } from '../chat.js';
import type { Room } from '../client.js';
import { useLiveStore } from './useLiveStore.js';

/**
 * The room's live chat (newest page loaded on first use, then kept current), plus the chat API for
 * sending, reacting, paging and marking read.
 * @example
 * const { messages, typing, unread, chat } = useChat(room);
 * // <input onChange={() => chat.typing(true)} onBlur={() => chat.typing(false)} />
 * // <button onClick={() => chat.send(draft)}>Send</button>
 * // useEffect(() => { void chat.markRead(); }, [messages.length]);
 */
export function useChat(room: Room): ChatState & { chat: ChatApi } {
  const chat = room.chat;
  const state = useLiveStore(chat);
  return { ...state, chat };
}
