/**
 * What the `chat` room service sends: messages, comments, reactions, read receipts, typing, stats and
 * exports. The server produces these shapes and the client SDK receives them, so they live here once.
 * Times are ISO strings.
 */

/**
 * Where a comment points: a node of the graph, or a range of a root `Y.Text` given as two Yjs relative
 * positions (base64 of `Y.encodeRelativePosition`), so the range follows concurrent edits.
 */
export type ChatAnchor =
  | { kind: 'node'; id: string }
  | { kind: 'text'; field: string; start: string; end: string };

export interface ChatReaction {
  emoji: string;
  count: number;
  /** In the order they reacted. */
  users: { userId: string; name: string }[];
}

/** A message as clients see it: timestamps are ISO strings; a deleted message has empty text. */
export interface ChatMessage {
  id: string;
  /** Position in the room's total order (cursor pagination, read receipts). */
  seq: number;
  userId: string;
  userName: string;
  /** Empty once deleted. */
  text: string;
  /** The thread's first message for a reply, else null. */
  parentId: string | null;
  /** Set on comments (a thread's first message anchored to the document). */
  anchor: ChatAnchor | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  deletedBy: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  reactions: ChatReaction[];
  replyCount: number;
}

/** Where a text anchor sits in the server's document now; start === end once its text was deleted. */
export interface AnchorRange {
  start: number;
  end: number;
  text: string;
}

/** A comment with its thread and, for text anchors, where it sits in the server's document now. */
export interface ChatComment extends ChatMessage {
  /** Oldest first. */
  replies: ChatMessage[];
  /** Null for node anchors, or when the text anchor cannot be placed (e.g. its field is gone). */
  range: AnchorRange | null;
}

export interface ReadReceipt {
  userId: string;
  name: string;
  /** The newest message this user has read. */
  upTo: string;
  upToSeq: number;
  at: string;
}

/** Someone typing in the chat right now. */
export interface TypingUser {
  userId: string;
  name: string;
}

export interface ChatStats {
  /** Messages not deleted (chat lines, comments and replies). */
  messages: number;
  replies: number;
  deleted: number;
  users: { userId: string; name: string; messages: number }[];
  /** Per UTC day, oldest first. */
  days: { day: string; messages: number }[];
  reactions: { total: number; byEmoji: { emoji: string; count: number }[] };
  comments: { open: number; resolved: number };
}

export type ChatExportFormat = 'json' | 'csv' | 'txt';

/** An exported chat: a file to save or serve as an attachment. */
export interface ChatExport {
  format: ChatExportFormat;
  contentType: string;
  /** A safe file name for `content-disposition`. */
  filename: string;
  body: string;
}
