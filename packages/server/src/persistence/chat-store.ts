/**
 * What the chat service stores: messages (chat lines, comments and thread replies), reactions and
 * read receipts. Everything is scoped by room; an id from another room is simply not found.
 */
import type { ChatAnchor, ChatMessage, ChatReaction, ChatStats, ReadReceipt } from '@ensemble/protocol';

export type { ChatAnchor, ChatMessage, ChatReaction, ChatStats, ReadReceipt } from '@ensemble/protocol';

export interface NewMessage {
  id: string;
  userId: string;
  userName: string;
  text: string;
  parentId?: string | null;
  anchor?: ChatAnchor | null;
  /** Defaults to the database's clock; tests and imports set it. */
  at?: Date;
}

/** Filters shared by listing, search, stats and export (all optional, times inclusive). */
export interface MessageFilter {
  userId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

export interface ListQuery extends MessageFilter {
  /** Only messages older than this one (cursor from the previous page's `nextBefore`). */
  before?: string | undefined;
  limit: number;
  /** The replies of this thread instead of the main chat. */
  threadOf?: string | undefined;
}

export interface ListPage {
  /** Newest first. */
  messages: ChatMessage[];
  /** Pass as `before` for the next (older) page; null when this was the last page. */
  nextBefore: string | null;
}

export interface SearchQuery extends MessageFilter {
  q: string;
  limit: number;
}

export interface CommentQuery {
  /** A node id or a text field name the comment is anchored to. */
  target?: string | undefined;
  resolved?: boolean | undefined;
}

export interface ChatStore {
  insert(room: string, message: NewMessage): Promise<ChatMessage>;
  get(room: string, id: string): Promise<ChatMessage | null>;
  /** Null when the message does not exist in the room or is deleted. */
  edit(room: string, id: string, text: string): Promise<ChatMessage | null>;
  /** Clears the text and marks the row deleted; null when already deleted or unknown. */
  softDelete(room: string, id: string, by: string): Promise<ChatMessage | null>;
  /** Adds the reaction, or removes it if this user already reacted so. */
  toggleReaction(
    room: string,
    id: string,
    user: { userId: string; name: string },
    emoji: string,
  ): Promise<{ added: boolean; reactions: ChatReaction[] }>;
  setResolved(room: string, id: string, resolvedBy: string | null): Promise<ChatMessage | null>;
  /** Moves the user's read mark forward to `messageId` (never backwards); null if the message is unknown. */
  markRead(
    room: string,
    user: { userId: string; name: string },
    messageId: string,
  ): Promise<ReadReceipt | null>;
  reads(room: string): Promise<ReadReceipt[]>;
  /** Messages by others after the user's read mark (deleted ones do not count). */
  unread(room: string, userId: string): Promise<{ count: number; lastRead: string | null }>;
  list(room: string, query: ListQuery): Promise<ListPage>;
  search(room: string, query: SearchQuery): Promise<ChatMessage[]>;
  stats(room: string, filter: MessageFilter): Promise<ChatStats>;
  /** Comments (anchored thread starters), oldest first, each with its replies oldest first. */
  comments(room: string, query: CommentQuery): Promise<(ChatMessage & { replies: ChatMessage[] })[]>;
  /** Every message not deleted, oldest first, at most `limit`. */
  exportMessages(room: string, filter: MessageFilter, limit: number): Promise<ChatMessage[]>;
  /** The newest `limit` messages not deleted, oldest first. */
  recent(room: string, limit: number): Promise<ChatMessage[]>;
}
