import { randomUUID } from 'node:crypto';
import { type ActivityPage, EnsembleError, ErrorCode } from '@ensemble/protocol';
import { z } from 'zod';
import type { ActivityEntry, ActivityStore } from '../../persistence/activity-store.js';
import { parseParams } from '../params.js';
import type {
  ActivityInput,
  ActivitySink,
  RoomService,
  ServiceCaller,
  ServiceContext,
  UpdateAuthor,
} from '../service.js';
import { type ActivitySummary, summarize } from './summary.js';

export interface ActivityOptions {
  now?: () => number;
  /** Edits closer together than this extend the user's current `edited` entry. Default 30 s. */
  editQuietMs?: number;
  /** A coalesced entry stops growing after this span, so summaries stay close to their window. Default 2 min. */
  editMaxSpanMs?: number;
  /** Buffered entries are written this long after the first change. Default 1 s. */
  flushDelayMs?: number;
  /** …or at once when this many entries are waiting. Default 200. */
  flushBatch?: number;
  /** Growing `edited` entries are re-broadcast at most this often. Default 1 s. */
  liveUpdateMs?: number;
  onError?: (error: unknown, context: string) => void;
}

export const ACTIVITY_DEFAULTS = {
  editQuietMs: 30_000,
  editMaxSpanMs: 120_000,
  flushDelayMs: 1_000,
  flushBatch: 200,
  liveUpdateMs: 1_000,
};

/** Detail bigger than this is replaced by a marker: activity rows stay small. */
const MAX_DATA_BYTES = 2_048;
export const MAX_LIST = 500;

const isoTime = z.string().datetime({ offset: true });
const schemas = {
  list: z.object({
    since: isoTime.optional(),
    until: isoTime.optional(),
    types: z.array(z.string().min(1).max(64)).max(32).optional(),
    userId: z.string().min(1).max(256).optional(),
    limit: z.number().int().min(1).max(MAX_LIST).default(50),
    before: z.string().min(1).max(64).optional(),
  }),
  summary: z.object({
    windowMs: z
      .number()
      .int()
      .min(1_000)
      .max(30 * 86_400_000)
      .default(5 * 60_000),
  }),
};

const parse = <T>(schema: z.ZodType<T>, params: unknown): T =>
  parseParams(schema, params, 'activity request');

interface OpenEdit {
  entry: ActivityEntry;
  startMs: number;
  lastMs: number;
}

/**
 * The room's activity stream (issue 4 §4). Siblings record through `ActivitySink`; joins, leaves and
 * edits are observed directly. Entries are broadcast live (`entry`, again with the same id while a
 * coalesced `edited` entry grows) and written in batches: buffered, upserted by id, flushed before
 * the room unloads.
 */
export class ActivityService implements RoomService, ActivitySink {
  readonly name = 'activity';
  private readonly options: Required<Omit<ActivityOptions, 'onError'>>;
  private readonly onError: (error: unknown, context: string) => void;
  private readonly dirty = new Map<string, ActivityEntry>();
  private readonly openEdits = new Map<string, OpenEdit>();
  private readonly liveDirty = new Set<ActivityEntry>();
  private readonly names = new Map<string, string>();
  private writing: Promise<void> = Promise.resolve();
  /** Writes handed to the store (or waiting for the previous one) and not yet settled. */
  private queuedWrites = 0;
  /** Someone waits for the writes now queued: each goes out without waiting for other rooms'. */
  private hurry = false;
  private cancelFlush: (() => void) | undefined;
  private cancelLive: (() => void) | undefined;
  private destroyed = false;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly store: ActivityStore,
    options: ActivityOptions = {},
  ) {
    const { onError, ...rest } = options;
    this.options = { ...ACTIVITY_DEFAULTS, now: Date.now, ...rest };
    this.onError = onError ?? (() => undefined);
  }

  async handle(method: string, params: unknown, _caller: ServiceCaller): Promise<unknown> {
    switch (method) {
      case 'list': {
        const p = parse(schemas.list, params);
        const entries = await this.list({
          limit: p.limit,
          ...(p.since ? { since: new Date(p.since) } : {}),
          ...(p.until ? { until: new Date(p.until) } : {}),
          ...(p.types ? { types: p.types } : {}),
          ...(p.userId ? { userId: p.userId } : {}),
          ...(p.before ? { before: p.before } : {}),
        });
        return {
          entries,
          next: entries.length === p.limit ? entries.at(-1)!.id : null,
        } satisfies ActivityPage;
      }
      case 'summary':
        return this.summary(parse(schemas.summary, params).windowMs);
      default:
        throw new EnsembleError(ErrorCode.BadRequest, `activity has no method ${method}`);
    }
  }

  /** Stored and buffered entries, newest first. */
  async list(query: Parameters<ActivityStore['list']>[1]): Promise<ActivityEntry[]> {
    await this.flush();
    return this.store.list(this.ctx.room, query);
  }

  /** Per-user counts over the last `windowMs` with sentences ("Ana: 12 edits in the last 5 min"). */
  async summary(windowMs: number): Promise<ActivitySummary> {
    await this.flush();
    const now = this.options.now();
    const counts = await this.store.counts(this.ctx.room, new Date(now - windowMs));
    return summarize(counts, windowMs, now);
  }

  /** The last known display name of a user of this room (the update log only stores ids). */
  nameOf(userId: string): string | undefined {
    return this.names.get(userId);
  }

  record(input: ActivityInput): void {
    if (this.destroyed) return;
    const at = new Date(this.options.now()).toISOString();
    let data = input.data ?? {};
    const size = Buffer.byteLength(JSON.stringify(data));
    if (size > MAX_DATA_BYTES) data = { truncated: true, bytes: size };
    const entry: ActivityEntry = {
      id: randomUUID(),
      type: input.type,
      userId: input.userId,
      userName: input.userName,
      data,
      at,
      until: at,
    };
    this.add(entry);
  }

  onJoin(caller: ServiceCaller): void {
    this.names.set(caller.userId, caller.userName);
    // One `joined` per user, not per tab: only the user's first socket counts.
    if (this.socketsOf(caller.userId) === 1) {
      this.record({ type: 'joined', userId: caller.userId, userName: caller.userName });
    }
  }

  onLeave(caller: ServiceCaller): void {
    if (this.socketsOf(caller.userId) > 0) return;
    this.openEdits.delete(caller.userId);
    this.record({ type: 'left', userId: caller.userId, userName: caller.userName });
  }

  onApplied(_update: Uint8Array, author: UpdateAuthor): void {
    if (this.destroyed) return;
    const now = this.options.now();
    const open = this.openEdits.get(author.userId);
    if (
      open &&
      now - open.lastMs < this.options.editQuietMs &&
      now - open.startMs < this.options.editMaxSpanMs
    ) {
      open.lastMs = now;
      open.entry.data = { edits: ((open.entry.data.edits as number) ?? 0) + 1 };
      open.entry.until = new Date(now).toISOString();
      this.dirty.set(open.entry.id, open.entry);
      this.scheduleFlush();
      this.liveDirty.add(open.entry);
      this.scheduleLive();
      return;
    }
    const at = new Date(now).toISOString();
    const entry: ActivityEntry = {
      id: randomUUID(),
      type: 'edited',
      userId: author.userId,
      userName: author.caller?.userName ?? this.nameOfMember(author.userId),
      data: { edits: 1 },
      at,
      until: at,
    };
    this.openEdits.set(author.userId, { entry, startMs: now, lastMs: now });
    this.add(entry);
  }

  /** Writes everything buffered; resolves once it is stored (rejects if the write failed). */
  flush(): Promise<void> {
    return this.write(true);
  }

  /**
   * `urgent`: somebody waits for the write (a read, an unload), so a store that batches across rooms
   * (the node's `ActivityWriter`) writes at once; the timer's routine flushes may wait for company.
   */
  private write(urgent: boolean): Promise<void> {
    this.cancelFlush?.();
    this.cancelFlush = undefined;
    if (urgent) {
      // Writes queued before this one must not hold it back either.
      if (this.queuedWrites > 0) this.hurry = true;
      this.store.flushPending?.();
    }
    if (this.dirty.size === 0) return this.writing;
    // Copies: a growing entry may change again while its row is being written.
    const batch = [...this.dirty.values()].map((e) => structuredClone(e));
    this.dirty.clear();
    if (urgent) this.hurry = true;
    this.queuedWrites++;
    const write = this.writing.then(() => {
      const stored = this.store.write(this.ctx.room, batch);
      if (this.hurry) this.store.flushPending?.();
      return stored;
    });
    this.writing = write
      .catch((error: unknown) => {
        // Kept for the next flush unless a newer version of the same entry is already waiting.
        for (const e of batch) if (!this.dirty.has(e.id)) this.dirty.set(e.id, e);
        this.onError(error, `writing activity of room ${this.ctx.room}`);
        if (!this.destroyed) this.scheduleFlush();
      })
      .finally(() => {
        if (--this.queuedWrites === 0) this.hurry = false;
      });
    return write;
  }

  async beforeUnload(): Promise<void> {
    this.sendLive();
    await this.flush().catch(() => undefined);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.cancelFlush?.();
    this.cancelLive?.();
    // Normally empty (beforeUnload flushed); if the room is torn down abruptly, still try to keep it.
    if (this.dirty.size > 0) void this.flush().catch(() => undefined);
  }

  private add(entry: ActivityEntry): void {
    this.names.set(entry.userId, entry.userName);
    this.dirty.set(entry.id, entry);
    this.ctx.broadcast('entry', entry);
    if (this.dirty.size >= this.options.flushBatch) void this.write(false).catch(() => undefined);
    else this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.cancelFlush || this.destroyed) return;
    this.cancelFlush = this.ctx.setTimer(() => {
      this.cancelFlush = undefined;
      void this.write(false).catch(() => undefined);
    }, this.options.flushDelayMs);
  }

  private scheduleLive(): void {
    if (this.cancelLive || this.destroyed) return;
    this.cancelLive = this.ctx.setTimer(() => this.sendLive(), this.options.liveUpdateMs);
  }

  private sendLive(): void {
    this.cancelLive?.();
    this.cancelLive = undefined;
    for (const entry of this.liveDirty) this.ctx.broadcast('entry', entry);
    this.liveDirty.clear();
  }

  private socketsOf(userId: string): number {
    return this.ctx.members().filter((m) => m.userId === userId).length;
  }

  private nameOfMember(userId: string): string {
    return this.ctx.members().find((m) => m.userId === userId)?.userName ?? this.names.get(userId) ?? userId;
  }
}
