import type {
  AnchorRange,
  ChatAnchor,
  ChatComment,
  ChatExport,
  ChatMessage,
  ChatReaction,
  ChatStats,
  ReadReceipt,
  TypingUser,
} from '@ensemble/protocol';
import * as Y from 'yjs';
import { LiveStore } from './live-store.js';
import type { RoomConnection } from './room.js';

export interface ChatFilter {
  userId?: string;
  from?: Date | string;
  to?: Date | string;
}

/** What the live chat store holds; a new object after every change (safe as a React snapshot). */
export interface ChatState {
  /** The main chat (no thread replies, no comments), oldest first. */
  messages: ChatMessage[];
  /** Who is typing now (including you, if you are). */
  typing: TypingUser[];
  /** Everyone's read mark by user id. */
  reads: Record<string, ReadReceipt>;
  /** Messages from others after your read mark. */
  unread: number;
  /** Older messages exist on the server (`loadOlder()`). */
  hasOlder: boolean;
  loaded: boolean;
}

/** Renewing a typing indicator more often than this is pointless: the server keeps it 5 s. */
const TYPING_RENEW_MS = 2_000;
const PAGE = 50;

const iso = (t: Date | string) => (t instanceof Date ? t.toISOString() : t);
const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

function filterParams(filter: ChatFilter = {}): Record<string, string> {
  const out: Record<string, string> = {};
  if (filter.userId !== undefined) out.userId = filter.userId;
  if (filter.from !== undefined) out.from = iso(filter.from);
  if (filter.to !== undefined) out.to = iso(filter.to);
  return out;
}

const isMainChat = (m: ChatMessage) => m.parentId === null && m.anchor === null;

/**
 * Chat and comments of a room: request methods for everything the server offers, plus a live store of
 * the main chat (loaded on first `subscribe` or `load()`, kept current from server events and
 * refreshed after reconnects).
 */
export class ChatApi extends LiveStore<ChatState> {
  private me: string | undefined;
  private typingSentAt = 0;

  constructor(room: RoomConnection) {
    super(room, { messages: [], typing: [], reads: {}, unread: 0, hasOlder: false, loaded: false });
    room.events.on('service', (event) => {
      if (event.service === 'chat') this.onEvent(event.name, event.body);
    });
  }

  send(text: string, options: { parentId?: string } = {}): Promise<ChatMessage> {
    return this.request<ChatMessage>('send', { text, ...options }).then((m) => this.learnMe(m));
  }

  /** Replies in the thread of `parentId` (a thread's first message: a chat line or a comment). */
  reply(parentId: string, text: string): Promise<ChatMessage> {
    return this.send(text, { parentId });
  }

  edit(id: string, text: string): Promise<ChatMessage> {
    return this.request('edit', { id, text });
  }

  /** Deletes your message (admins: any message). The row stays, its text is removed. */
  delete(id: string): Promise<ChatMessage> {
    return this.request('delete', { id });
  }

  /** Adds the reaction, or removes it if you already reacted with that emoji. */
  react(id: string, emoji: string): Promise<{ added: boolean; reactions: ChatReaction[] }> {
    return this.request('react', { id, emoji });
  }

  /** Call on every keystroke with true and on blur/send with false; renewals are rate-limited here. */
  typing(isTyping: boolean): void {
    const now = Date.now();
    if (isTyping && now - this.typingSentAt < TYPING_RENEW_MS) return;
    if (!isTyping && this.typingSentAt === 0) return;
    this.typingSentAt = isTyping ? now : 0;
    this.request('typing', { typing: isTyping }).catch(() => undefined);
  }

  /** Moves your read mark to `upTo` (default: the newest loaded message); returns the unread count. */
  async markRead(upTo?: string): Promise<number> {
    const id = upTo ?? this.state.messages.at(-1)?.id;
    if (!id) return this.state.unread;
    const { receipt, unread } = await this.request<{ receipt: ReadReceipt; unread: number }>('read', {
      upTo: id,
    });
    this.me = receipt.userId;
    this.update({ reads: { ...this.state.reads, [receipt.userId]: receipt }, unread });
    return unread;
  }

  async unread(): Promise<{ count: number; lastRead: string | null }> {
    return this.request('unread');
  }

  async reads(): Promise<ReadReceipt[]> {
    return (await this.request<{ reads: ReadReceipt[] }>('reads')).reads;
  }

  /** One page, newest first; pass `nextBefore` as `before` for the next one. */
  list(
    query: ChatFilter & { before?: string; limit?: number; threadOf?: string } = {},
  ): Promise<{ messages: ChatMessage[]; nextBefore: string | null }> {
    const { before, limit, threadOf, ...filter } = query;
    return this.request('list', {
      ...filterParams(filter),
      ...(before ? { before } : {}),
      ...(limit ? { limit } : {}),
      ...(threadOf ? { threadOf } : {}),
    });
  }

  /** A thread's replies, oldest first. */
  async thread(id: string, limit = 200): Promise<ChatMessage[]> {
    return (await this.list({ threadOf: id, limit })).messages.reverse();
  }

  /** Full-text search (web-search syntax: `"exact phrase"`, `-word`, `or`); best matches first. */
  async search(q: string, options: ChatFilter & { limit?: number } = {}): Promise<ChatMessage[]> {
    const { limit, ...filter } = options;
    const result = await this.request<{ messages: ChatMessage[] }>('search', {
      q,
      ...filterParams(filter),
      ...(limit ? { limit } : {}),
    });
    return result.messages;
  }

  stats(filter: ChatFilter = {}): Promise<ChatStats> {
    return this.request('stats', filterParams(filter));
  }

  /** The chat as a file body: JSON, CSV or plain text, oldest first. */
  export(format: ChatExport['format'] = 'json', filter: ChatFilter = {}): Promise<ChatExport> {
    return this.request('export', { format, ...filterParams(filter) });
  }

  /** Comments a node (`nodeAnchor`) or a text range (`textAnchor`). */
  comment(text: string, anchor: ChatAnchor): Promise<ChatMessage> {
    return this.request<ChatMessage>('comment', { text, anchor }).then((m) => this.learnMe(m));
  }

  resolve(id: string, resolved = true): Promise<ChatMessage> {
    return this.request('resolve', { id, resolved });
  }

  async comments(query: { target?: string; resolved?: boolean } = {}): Promise<ChatComment[]> {
    return (await this.request<{ comments: ChatComment[] }>('comments', query)).comments;
  }

  nodeAnchor(id: string): ChatAnchor {
    return { kind: 'node', id };
  }

  /**
   * An anchor on `[start, end)` of the root Y.Text `field` of this room's document. It is made of Yjs
   * relative positions, so it keeps pointing at the same characters while others edit around them.
   */
  textAnchor(field: string, start: number, end: number): ChatAnchor {
    const text = this.room.doc.getText(field);
    if (start < 0 || end < start || end > text.length) {
      throw new RangeError(`text anchor [${start}, ${end}) is outside ${field} (length ${text.length})`);
    }
    // Text typed right before the start or right after the end stays outside the range.
    const position = (index: number, assoc: number) =>
      toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index, assoc)));
    return { kind: 'text', field, start: position(start, 0), end: position(end, -1) };
  }

  /** Where a text anchor sits in your copy of the document now; null for node anchors or lost text. */
  resolveAnchor(anchor: ChatAnchor): AnchorRange | null {
    if (anchor.kind !== 'text') return null;
    const doc = this.room.doc;
    const text = doc.getText(anchor.field);
    const index = (b64: string) => {
      const abs = Y.createAbsolutePositionFromRelativePosition(
        Y.decodeRelativePosition(fromBase64(b64)),
        doc,
      );
      return abs && abs.type === text ? abs.index : null;
    };
    const start = index(anchor.start);
    const end = index(anchor.end);
    if (start === null || end === null) return null;
    const to = Math.max(start, end);
    return { start, end: to, text: text.toString().slice(start, to) };
  }

  /** Raw chat events: `message`, `edited`, `deleted`, `reaction`, `typing`, `read`, `resolved`. */
  on(name: string, listener: (body: unknown) => void): () => void {
    return this.room.events.on('service', (event) => {
      if (event.service === 'chat' && (name === '*' || event.name === name)) listener(event.body);
    });
  }

  /** Prepends the page before the oldest loaded message; false when there is nothing older. */
  async loadOlder(limit = PAGE): Promise<boolean> {
    const oldest = this.state.messages[0];
    if (!oldest || !this.state.hasOlder) return false;
    const page = await this.list({ before: oldest.id, limit });
    this.update({ messages: merge(this.state.messages, page.messages), hasOlder: page.nextBefore !== null });
    return page.messages.length > 0;
  }

  protected async refresh(): Promise<void> {
    const [page, typing, reads, unread] = await Promise.all([
      this.list({ limit: PAGE }),
      this.request<{ typing: TypingUser[] }>('typingNow'),
      this.reads(),
      this.request<{ count: number; userId?: string }>('unread'),
    ]);
    const newestKnown = this.state.messages.at(-1)?.seq ?? 0;
    const pageNewest = page.messages[0]?.seq ?? 0;
    const gap =
      this.state.loaded && page.nextBefore !== null && !page.messages.some((m) => m.seq <= newestKnown);
    // After a long disconnect the new page may not reach what we had: start over from it (keeping
    // anything that arrived live while it loaded).
    const base = gap ? this.state.messages.filter((m) => m.seq > pageNewest) : this.state.messages;
    if (unread.userId) this.me = unread.userId;
    this.update({
      messages: merge(base, page.messages),
      typing: typing.typing,
      reads: Object.fromEntries(reads.map((r) => [r.userId, r])),
      unread: unread.count,
      hasOlder: this.state.loaded && !gap ? this.state.hasOlder : page.nextBefore !== null,
      loaded: true,
    });
  }

  private onEvent(name: string, body: unknown): void {
    switch (name) {
      case 'message': {
        const m = body as ChatMessage;
        if (isMainChat(m)) {
          const mine = this.me !== undefined && m.userId === this.me;
          const known = this.state.messages.some((x) => x.id === m.id);
          // Until the first load the count comes from the server; after it, others' messages add up.
          const counts = this.state.loaded && !mine && !known;
          this.update({
            messages: merge(this.state.messages, [m]),
            unread: this.state.unread + (counts ? 1 : 0),
          });
        } else if (m.parentId) {
          this.patch(m.parentId, (p) => ({ ...p, replyCount: p.replyCount + 1 }));
        }
        return;
      }
      case 'edited':
        this.patch((body as ChatMessage).id, () => body as ChatMessage);
        return;
      case 'deleted': {
        const { message } = body as { message: ChatMessage };
        this.patch(message.id, () => message);
        return;
      }
      case 'reaction': {
        const r = body as { id: string; reactions: ChatReaction[] };
        this.patch(r.id, (m) => ({ ...m, reactions: r.reactions }));
        return;
      }
      case 'typing': {
        const t = body as TypingUser & { typing: boolean };
        const others = this.state.typing.filter((u) => u.userId !== t.userId);
        this.update({ typing: t.typing ? [...others, { userId: t.userId, name: t.name }] : others });
        return;
      }
      case 'read': {
        const receipt = body as ReadReceipt;
        this.update({ reads: { ...this.state.reads, [receipt.userId]: receipt } });
        // Your read mark moved from another tab or device: recount.
        if (receipt.userId === this.me && this.state.loaded) {
          this.request<{ count: number }>('unread')
            .then(({ count }) => this.update({ unread: count }))
            .catch(() => undefined);
        }
        return;
      }
      default:
        return;
    }
  }

  private patch(id: string, change: (m: ChatMessage) => ChatMessage): void {
    const index = this.state.messages.findIndex((m) => m.id === id);
    if (index === -1) return;
    const messages = [...this.state.messages];
    messages[index] = change(messages[index]!);
    this.update({ messages });
  }

  private update(change: Partial<ChatState>): void {
    this.setState({ ...this.state, ...change });
  }

  private learnMe(m: ChatMessage): ChatMessage {
    this.me = m.userId;
    return m;
  }

  private request<T>(method: string, params: unknown = {}): Promise<T> {
    return this.room.request<T>('chat', method, params);
  }
}

/** Messages by id (newer copies win), oldest first. */
function merge(current: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}
