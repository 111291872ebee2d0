import { EnsembleError, ErrorCode, type PresenceUser } from '@ensemble/protocol';
import { z } from 'zod';
import { parseParams } from '../params.js';
import type { RoomService, ServiceCaller, ServiceContext, UpdateAuthor } from '../service.js';
import {
  type ActivityMarks,
  DEFAULT_PRESENCE_TIMINGS,
  deriveStatus,
  nextChangeAt,
  PRESENCE_STATUSES,
  type PresenceTimings,
} from './status.js';

export type { PresenceUser } from '@ensemble/protocol';

export interface PresenceOptions extends Partial<PresenceTimings> {
  now?: () => number;
  /** Changes within this window go out as one `presence` event. Default 50 ms. */
  broadcastDelayMs?: number;
}

interface UserState extends ActivityMarks {
  userId: string;
  userName: string;
  sockets: Set<string>;
  typingWhere: string | null;
}

const schemas = {
  setStatus: z.object({ status: z.enum(PRESENCE_STATUSES).nullable() }),
  typing: z.object({ on: z.boolean(), where: z.string().min(1).max(200).optional() }),
};

const parse = <T>(schema: z.ZodType<T>, params: unknown): T =>
  parseParams(schema, params, 'presence request');

/**
 * Server-side presence (issue 4 §2): a status per user, set by the client or derived from what the
 * server sees (edits → editing; quiet → idle; inactive → away, then off the list), and typing
 * indicators that expire unless renewed. Every change goes out as one coalesced `presence` event with
 * the full list; one timer per room wakes up at the next moment a status can change on its own.
 */
export class PresenceService implements RoomService {
  readonly name = 'presence';
  private readonly users = new Map<string, UserState>();
  private readonly timings: PresenceTimings;
  private readonly now: () => number;
  private readonly broadcastDelayMs: number;
  private lastSent = '';
  private cancelBroadcast: (() => void) | undefined;
  private cancelTick: (() => void) | undefined;

  constructor(
    private readonly ctx: ServiceContext,
    options: PresenceOptions = {},
  ) {
    const { now, broadcastDelayMs, ...timings } = options;
    this.timings = { ...DEFAULT_PRESENCE_TIMINGS, ...timings };
    this.now = now ?? Date.now;
    this.broadcastDelayMs = broadcastDelayMs ?? 50;
  }

  handle(method: string, params: unknown, caller: ServiceCaller): unknown {
    switch (method) {
      case 'list':
        return { users: this.list(), you: caller.userId };
      case 'setStatus': {
        const { status } = parse(schemas.setStatus, params);
        const user = this.active(caller);
        if (user) user.manual = status;
        return this.reply(caller);
      }
      case 'typing': {
        const { on, where } = parse(schemas.typing, params);
        const user = this.active(caller);
        if (user) {
          user.typingUntil = on ? this.now() + this.timings.typingTimeoutMs : null;
          user.typingWhere = on ? (where ?? null) : null;
        }
        return this.reply(caller);
      }
      case 'touch':
        this.active(caller);
        return this.reply(caller);
      default:
        throw new EnsembleError(ErrorCode.BadRequest, `presence has no method ${method}`);
    }
  }

  /** Everyone present, by name; users inactive beyond `removeAfterMs` are left out. */
  list(): PresenceUser[] {
    const now = this.now();
    const list: PresenceUser[] = [];
    for (const user of this.users.values()) {
      const status = deriveStatus(user, now, this.timings);
      if (status === 'gone') continue;
      const typing = user.typingUntil !== null && user.typingUntil > now;
      list.push({
        userId: user.userId,
        userName: user.userName,
        status,
        source: user.manual && status === user.manual ? 'manual' : 'derived',
        typing: typing ? { where: user.typingWhere } : null,
        connections: user.sockets.size,
        lastActiveAt: new Date(user.lastActiveAt).toISOString(),
        lastEditAt: user.lastEditAt === null ? null : new Date(user.lastEditAt).toISOString(),
      });
    }
    return list.sort((a, b) => a.userName.localeCompare(b.userName) || a.userId.localeCompare(b.userId));
  }

  onJoin(caller: ServiceCaller): void {
    const user = this.users.get(caller.userId) ?? {
      userId: caller.userId,
      userName: caller.userName,
      sockets: new Set<string>(),
      manual: null,
      lastActiveAt: this.now(),
      lastEditAt: null,
      typingUntil: null,
      typingWhere: null,
    };
    user.sockets.add(caller.connectionId);
    user.lastActiveAt = this.now();
    this.users.set(caller.userId, user);
    this.changed();
  }

  onLeave(caller: ServiceCaller): void {
    const user = this.users.get(caller.userId);
    if (!user) return;
    user.sockets.delete(caller.connectionId);
    if (user.sockets.size === 0) this.users.delete(caller.userId);
    this.changed();
  }

  onApplied(_update: Uint8Array, author: UpdateAuthor): void {
    // REST and server authors have no socket here: they are not "in" the room.
    const user = this.users.get(author.userId);
    if (!user) return;
    const now = this.now();
    const before = deriveStatus(user, now, this.timings);
    const manual = user.manual;
    user.lastEditAt = now;
    user.lastActiveAt = now;
    // Editing again ends a manual `idle`/`away`; a `running` status stays until the user changes it.
    if (user.manual !== 'running') user.manual = null;
    // Most edits come from someone already shown `editing`: nothing anyone sees changes, so no
    // evaluation. The room's tick stays armed for the old (earlier) moment of change; evaluate()
    // then finds the user still editing and re-arms it for the new one, so idle/away stay on time.
    if (user.manual === manual && deriveStatus(user, now, this.timings) === before) return;
    this.changed();
  }

  destroy(): void {
    this.cancelBroadcast?.();
    this.cancelTick?.();
    this.users.clear();
  }

  /** Marks the caller active (any request counts); undefined for REST callers without a socket. */
  private active(caller: ServiceCaller): UserState | undefined {
    const user = this.users.get(caller.userId);
    if (!user) return undefined;
    user.lastActiveAt = this.now();
    user.userName = caller.userName;
    this.changed();
    return user;
  }

  private reply(caller: ServiceCaller): { user: PresenceUser | null } {
    return { user: this.list().find((u) => u.userId === caller.userId) ?? null };
  }

  /** Something changed: one `presence` event shortly, if what people see is different. */
  private changed(): void {
    if (this.cancelBroadcast) return;
    this.cancelBroadcast = this.ctx.setTimer(() => {
      this.cancelBroadcast = undefined;
      this.evaluate();
    }, this.broadcastDelayMs);
  }

  /** Sends the list if it changed, and wakes up again at the next moment it can change by itself. */
  private evaluate(): void {
    const now = this.now();
    for (const user of this.users.values()) {
      if (user.typingUntil !== null && user.typingUntil <= now) {
        user.typingUntil = null;
        user.typingWhere = null;
      }
    }
    const users = this.list();
    // `lastActiveAt` moves with every touch; only what people see decides whether to broadcast.
    const visible = JSON.stringify(
      users.map((u) => [
        u.userId,
        u.userName,
        u.status,
        u.source,
        u.typing ? ['typing', u.typing.where] : null,
        u.connections,
      ]),
    );
    if (visible !== this.lastSent) {
      this.lastSent = visible;
      // Each node reports the users connected to it (presence is not shared across a cluster).
      this.ctx.broadcast('presence', { users }, 'node');
    }
    this.cancelTick?.();
    this.cancelTick = undefined;
    let next: number | null = null;
    for (const user of this.users.values()) {
      const at = nextChangeAt(user, now, this.timings);
      if (at !== null && (next === null || at < next)) next = at;
    }
    if (next !== null) this.cancelTick = this.ctx.setTimer(() => this.evaluate(), next - now);
  }
}
