import { randomUUID } from 'node:crypto';
import { type ChatComment, EnsembleError, ErrorCode, type TypingUser } from '@ensemble/protocol';
import type * as Y from 'yjs';
import { can } from '../../auth/room-grants.js';
import type { ChatMessage, ChatStore } from '../../persistence/chat-store.js';
import type {
  ActivityInput,
  ActivitySink,
  ChatLine,
  ChatReader,
  RoomService,
  ServiceCaller,
  ServiceContext,
} from '../service.js';
import { checkAnchor, resolveAnchor } from './anchors.js';
import { type ChatExport, formatExport, kindOf } from './export.js';
import { type ChatParams, parseChat, toFilter } from './params.js';

/** A typing indicator lasts this long unless renewed (clients renew while the user types). */
export const TYPING_TTL_MS = 5_000;
const ACTIVITY_PREVIEW_CHARS = 140;

export interface ChatServiceOptions {
  typingTtlMs?: number;
  /** Clock for export timestamps. */
  now?: () => Date;
}

export type { TypingUser } from '@ensemble/protocol';

const notFound = (id: string) => new EnsembleError(ErrorCode.NotFound, `no message ${id} in this room`);

/**
 * Chat and comments of a room (issue 4 §3): messages with threads, edit/delete, reactions, typing,
 * read receipts, comments anchored to nodes or text ranges, search, stats and export. Every change is
 * stored first and then broadcast, so what clients see is what a later page or export returns.
 */
export class ChatService implements RoomService, ChatReader {
  readonly name = 'chat';
  private readonly typists = new Map<string, { name: string; cancel: () => void }>();
  private readonly typingTtlMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly doc: Y.Doc,
    private readonly store: ChatStore,
    options: ChatServiceOptions = {},
  ) {
    this.typingTtlMs = options.typingTtlMs ?? TYPING_TTL_MS;
    this.now = options.now ?? (() => new Date());
  }

  async handle(method: string, params: unknown, caller: ServiceCaller): Promise<unknown> {
    const room = this.ctx.room;
    switch (method) {
      case 'send':
        return this.send(parseChat('send', params), caller);
      case 'comment':
        return this.send(parseChat('comment', params), caller);
      case 'edit':
        return this.edit(parseChat('edit', params), caller);
      case 'delete':
        return this.delete(parseChat('delete', params).id, caller);
      case 'react':
        return this.react(parseChat('react', params), caller);
      case 'typing':
        return { typing: this.setTyping(parseChat('typing', params).typing, caller) };
      case 'typingNow':
        return { typing: this.typingNow() };
      case 'read':
        return this.read(parseChat('read', params).upTo, caller);
      case 'unread':
        // The caller's user id lets a client tell its own messages apart in the live stream.
        return { ...(await this.store.unread(room, caller.userId)), userId: caller.userId };
      case 'reads':
        return { reads: await this.store.reads(room) };
      case 'list': {
        const p = parseChat('list', params);
        return this.store.list(room, {
          ...toFilter(p),
          before: p.before,
          limit: p.limit,
          threadOf: p.threadOf,
        });
      }
      case 'search': {
        const p = parseChat('search', params);
        return { messages: await this.store.search(room, { ...toFilter(p), q: p.q, limit: p.limit }) };
      }
      case 'stats':
        return this.store.stats(room, toFilter(parseChat('stats', params)));
      case 'export':
        return this.export(parseChat('export', params));
      case 'resolve':
        return this.resolve(parseChat('resolve', params), caller);
      case 'comments':
        return this.comments(parseChat('comments', params));
      default:
        throw new EnsembleError(ErrorCode.BadRequest, `chat has no method ${method}`);
    }
  }

  /** For the assistant and other siblings: the newest messages, oldest first. */
  async recentMessages(limit: number): Promise<ChatLine[]> {
    const messages = await this.store.recent(this.ctx.room, Math.max(1, Math.min(limit, 1_000)));
    return messages.map((m) => ({
      id: m.id,
      userId: m.userId,
      userName: m.userName,
      text: m.text,
      at: m.createdAt,
    }));
  }

  /** Everything the service can produce as a file (also used by the REST export route). */
  async export(p: ChatParams['export']): Promise<ChatExport> {
    const messages = await this.store.exportMessages(this.ctx.room, toFilter(p), p.limit);
    return formatExport(this.ctx.room, messages, p.format, this.now());
  }

  onLeave(caller: ServiceCaller): void {
    // Another socket of the same user may still be open; only its last socket ends the indicator.
    const stillHere = this.ctx.members().some((m) => m.userId === caller.userId);
    if (!stillHere) this.setTyping(false, caller);
  }

  destroy(): void {
    for (const { cancel } of this.typists.values()) cancel();
    this.typists.clear();
  }

  private async send(p: ChatParams['send'], caller: ServiceCaller): Promise<ChatMessage> {
    this.requireChat(caller, 'send messages');
    if (p.anchor && p.parentId) {
      throw new EnsembleError(
        ErrorCode.BadRequest,
        'a reply cannot have its own anchor: it belongs to the thread of parentId',
      );
    }
    if (p.parentId) {
      const parent = await this.store.get(this.ctx.room, p.parentId);
      if (!parent) throw notFound(p.parentId);
      if (parent.parentId) {
        throw new EnsembleError(
          ErrorCode.BadRequest,
          `${p.parentId} is a reply; reply to the thread's first message ${parent.parentId}`,
        );
      }
    }
    if (p.anchor) checkAnchor(this.doc, p.anchor);
    const message = await this.store.insert(this.ctx.room, {
      id: randomUUID(),
      userId: caller.userId,
      userName: caller.userName,
      text: p.text,
      parentId: p.parentId ?? null,
      anchor: p.anchor ?? null,
    });
    this.setTyping(false, caller);
    this.ctx.broadcast('message', message);
    this.record(caller, {
      messageId: message.id,
      kind: kindOf(message),
      preview: message.text.slice(0, ACTIVITY_PREVIEW_CHARS),
    });
    return message;
  }

  private async edit(p: ChatParams['edit'], caller: ServiceCaller): Promise<ChatMessage> {
    this.requireChat(caller, 'edit messages');
    const message = await this.existing(p.id);
    if (message.userId !== caller.userId)
      throw new EnsembleError(ErrorCode.Forbidden, 'you can only edit your own messages');
    const edited = await this.store.edit(this.ctx.room, p.id, p.text);
    if (!edited) throw new EnsembleError(ErrorCode.BadRequest, `message ${p.id} was deleted`);
    this.ctx.broadcast('edited', edited);
    return edited;
  }

  private async delete(id: string, caller: ServiceCaller): Promise<ChatMessage> {
    this.requireChat(caller, 'delete messages');
    const message = await this.store.get(this.ctx.room, id);
    if (!message) throw notFound(id);
    if (message.userId !== caller.userId && !can(caller.role, 'admin')) {
      throw new EnsembleError(
        ErrorCode.Forbidden,
        'you can only delete your own messages (admins can delete any)',
      );
    }
    // Deleting twice is not an error: the message is gone either way.
    const deleted = (await this.store.softDelete(this.ctx.room, id, caller.userId)) ?? message;
    this.ctx.broadcast('deleted', {
      id,
      by: { userId: caller.userId, name: caller.userName },
      message: deleted,
    });
    return deleted;
  }

  private async react(p: ChatParams['react'], caller: ServiceCaller) {
    this.requireChat(caller, 'react');
    await this.existing(p.id);
    const result = await this.store.toggleReaction(
      this.ctx.room,
      p.id,
      { userId: caller.userId, name: caller.userName },
      p.emoji,
    );
    this.ctx.broadcast('reaction', {
      id: p.id,
      emoji: p.emoji,
      userId: caller.userId,
      name: caller.userName,
      added: result.added,
      reactions: result.reactions,
    });
    return result;
  }

  private async read(upTo: string, caller: ServiceCaller) {
    const receipt = await this.store.markRead(
      this.ctx.room,
      { userId: caller.userId, name: caller.userName },
      upTo,
    );
    if (!receipt) throw notFound(upTo);
    this.ctx.broadcast('read', receipt);
    return { receipt, unread: (await this.store.unread(this.ctx.room, caller.userId)).count };
  }

  private async resolve(p: ChatParams['resolve'], caller: ServiceCaller): Promise<ChatMessage> {
    this.requireChat(caller, 'resolve comments');
    const message = await this.existing(p.id);
    if (!message.anchor || message.parentId)
      throw new EnsembleError(ErrorCode.BadRequest, 'only comments (anchored messages) can be resolved');
    const updated = (await this.store.setResolved(this.ctx.room, p.id, p.resolved ? caller.userId : null))!;
    this.ctx.broadcast('resolved', {
      id: p.id,
      resolved: p.resolved,
      by: { userId: caller.userId, name: caller.userName },
      message: updated,
    });
    this.record(caller, { messageId: p.id, kind: 'comment', action: p.resolved ? 'resolved' : 'reopened' });
    return updated;
  }

  private async comments(p: ChatParams['comments']): Promise<{ comments: ChatComment[] }> {
    const comments = await this.store.comments(this.ctx.room, p);
    return {
      comments: comments.map((c) => ({ ...c, range: c.anchor ? resolveAnchor(this.doc, c.anchor) : null })),
    };
  }

  /** Returns whether the user is typing now; changes are broadcast, renewals only extend the timer. */
  private setTyping(typing: boolean, caller: ServiceCaller): boolean {
    if (typing) this.requireChat(caller, 'type');
    const current = this.typists.get(caller.userId);
    current?.cancel();
    if (!typing) {
      if (!current) return false;
      this.typists.delete(caller.userId);
      this.ctx.broadcast('typing', { userId: caller.userId, name: caller.userName, typing: false });
      return false;
    }
    const cancel = this.ctx.setTimer(() => this.setTyping(false, caller), this.typingTtlMs);
    this.typists.set(caller.userId, { name: caller.userName, cancel });
    if (!current)
      this.ctx.broadcast('typing', { userId: caller.userId, name: caller.userName, typing: true });
    return true;
  }

  private typingNow(): TypingUser[] {
    return [...this.typists].map(([userId, { name }]) => ({ userId, name }));
  }

  /** A message of this room that is not deleted. */
  private async existing(id: string): Promise<ChatMessage> {
    const message = await this.store.get(this.ctx.room, id);
    if (!message) throw notFound(id);
    if (message.deletedAt) throw new EnsembleError(ErrorCode.BadRequest, `message ${id} was deleted`);
    return message;
  }

  private requireChat(caller: ServiceCaller, what: string): void {
    if (!can(caller.role, 'chat')) {
      throw new EnsembleError(
        ErrorCode.Forbidden,
        `role ${caller.role} cannot ${what} in this room; chat needs commenter or higher`,
      );
    }
  }

  /** Tells the activity stream, when the room has one; chat never fails because of it. */
  private record(caller: ServiceCaller, data: ActivityInput['data']): void {
    const sink = this.ctx.peer<RoomService & Partial<ActivitySink>>('activity');
    if (typeof sink?.record !== 'function') return;
    try {
      sink.record({
        type: 'chat',
        userId: caller.userId,
        userName: caller.userName,
        ...(data ? { data } : {}),
      });
    } catch {
      // The activity stream reports its own failures.
    }
  }
}

/** The factory the app registers: one store shared by every room. */
export const chatService =
  (store: ChatStore, options?: ChatServiceOptions) =>
  (ctx: ServiceContext, doc: Y.Doc): ChatService =>
    new ChatService(ctx, doc, store, options);
