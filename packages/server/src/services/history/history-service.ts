import { randomUUID } from 'node:crypto';
import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import * as Y from 'yjs';
import { z } from 'zod';
import { can } from '../../auth/room-grants.js';
import type { HistoryPoint, HistoryStore } from '../../persistence/history-store.js';
import { docToJson } from '../../rooms/doc-json.js';
import { touchedRootKeys } from '../locks/touched-keys.js';
import { parseParams } from '../params.js';
import type { ActivitySink, RoomService, ServiceCaller, ServiceContext } from '../service.js';
import { diffDocs } from './diff.js';
import type { HistoryDocCache } from './doc-cache.js';
import { replayDelays } from './pacing.js';
import {
  CHECKPOINT_EVERY,
  type Reconstructed,
  reconstruct,
  replayOnto,
  writeCheckpoint,
} from './reconstruct.js';
import { restoreInto } from './restore.js';

const point = z
  .object({ time: z.string().datetime({ offset: true }).optional(), seq: z.number().int().min(0).optional() })
  .refine((p) => (p.time === undefined) !== (p.seq === undefined), 'give exactly one of time or seq');

const schemas = {
  at: point.and(z.object({ json: z.boolean().default(true) })),
  diff: z.object({ from: point, to: point }),
  restore: point,
  saveVersion: z.object({ name: z.string().trim().min(1).max(120) }),
  replay: z.object({
    from: point.optional(),
    to: point.optional(),
    speed: z.number().positive().max(1000).default(1),
  }),
  export: z.object({
    afterSeq: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(100_000).default(10_000),
  }),
};

const parse = <T>(schema: z.ZodType<T>, params: unknown): T => parseParams(schema, params, 'history request');

function toPoint(p: { time?: string | undefined; seq?: number | undefined }): HistoryPoint {
  return p.seq !== undefined ? { seq: p.seq } : { at: new Date(p.time!) };
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export interface HistoryServiceOptions {
  /** An automatic checkpoint after this many applied updates (default CHECKPOINT_EVERY). */
  checkpointEvery?: number;
  /** Recently materialised past documents, shared by the rooms of the node (none: no caching). */
  cache?: HistoryDocCache;
}

/** Updates an automatic checkpoint applies per event-loop turn (see ReconstructOptions.yieldEvery). */
const BACKGROUND_SLICE = 16;

/**
 * History, time travel and replay (issue 4 §6): versions (automatic checkpoints + named), the document
 * at any moment, diffs with attribution, restore as a forward update, paced replay, export.
 */
export class HistoryService implements RoomService {
  readonly name = 'history';
  private readonly replays = new Map<string, () => void>();
  /** Updates applied since the last automatic checkpoint was started. */
  private sinceCheckpoint = 0;
  private checkpointing: Promise<void> | null = null;
  private destroyed = false;
  private readonly checkpointEvery: number;
  private readonly cache: HistoryDocCache | undefined;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly store: HistoryStore,
    options: HistoryServiceOptions = {},
  ) {
    this.checkpointEvery = options.checkpointEvery ?? CHECKPOINT_EVERY;
    if (!Number.isSafeInteger(this.checkpointEvery) || this.checkpointEvery < 1)
      throw new RangeError(`checkpointEvery must be a positive integer, not ${this.checkpointEvery}`);
    this.cache = options.cache;
  }

  async handle(method: string, params: unknown, caller: ServiceCaller): Promise<unknown> {
    switch (method) {
      case 'versions':
        return { versions: (await this.store.checkpoints(this.ctx.room)).filter((c) => c.name !== null) };
      case 'saveVersion':
        return this.saveVersion(parse(schemas.saveVersion, params).name, caller);
      case 'at':
        return this.at(parse(schemas.at, params));
      case 'diff':
        return this.diff(parse(schemas.diff, params));
      case 'restore':
        return this.restore(parse(schemas.restore, params), caller);
      case 'replay':
        return this.replay(parse(schemas.replay, params), caller);
      case 'export':
        return this.export(parse(schemas.export, params));
      default:
        throw new EnsembleError(ErrorCode.BadRequest, `history has no method ${method}`);
    }
  }

  onApplied(): void {
    if (++this.sinceCheckpoint < this.checkpointEvery || this.checkpointing) return;
    this.sinceCheckpoint = 0;
    this.checkpointing = this.autoCheckpoint().finally(() => {
      this.checkpointing = null;
    });
  }

  /**
   * Every `checkpointEvery` updates, in the background: a checkpoint at the newest logged update, so
   * time travel replays at most about that many updates — also the first time and after a restart.
   * Best effort: a failure only means a longer replay later (which writes the checkpoint itself).
   */
  private async autoCheckpoint(): Promise<void> {
    try {
      await this.ctx.flush();
      if (!this.destroyed)
        await writeCheckpoint(this.store, this.ctx.room, this.ctx.lastSeq(), {
          checkpointEvery: this.checkpointEvery,
          yieldEvery: BACKGROUND_SLICE,
        });
    } catch {
      // Deliberately ignored, see above.
    }
  }

  async beforeUnload(): Promise<void> {
    await this.checkpointing;
  }

  onLeave(caller: ServiceCaller): void {
    for (const [id, stop] of this.replays) if (id.startsWith(`${caller.connectionId}/`)) stop();
  }

  destroy(): void {
    this.destroyed = true;
    for (const stop of this.replays.values()) stop();
    this.cache?.clear(this.ctx.room);
  }

  /**
   * The document at `point`: a cached earlier position moved forward when one is near enough (at
   * most two checkpoint spacings of updates to apply — usually far cheaper than decoding a checkpoint),
   * else nearest checkpoint + log. Hand it back with `release`.
   */
  private async materialize(point: HistoryPoint): Promise<Reconstructed> {
    const cached = this.cache?.take(this.ctx.room, point);
    if (cached) {
      let moved: Reconstructed | null;
      try {
        moved = await replayOnto(this.store, this.ctx.room, cached, point, {
          maxUpdates: 2 * this.checkpointEvery,
        });
      } catch (error) {
        cached.doc.destroy();
        throw error;
      }
      if (moved) return moved;
      this.release({ ...cached, exact: true });
    }
    return reconstruct(this.store, this.ctx.room, point, { checkpointEvery: this.checkpointEvery });
  }

  /** Keeps a materialised document for the next request if it is an exact log position, else frees it. */
  private release(r: { doc: Y.Doc; seq: number; coveredUntil: Date | null; exact: boolean }): void {
    if (this.cache && r.exact && !this.destroyed)
      this.cache.put(this.ctx.room, { doc: r.doc, seq: r.seq, coveredUntil: r.coveredUntil });
    else r.doc.destroy();
  }

  private async saveVersion(name: string, caller: ServiceCaller) {
    if (!can(caller.role, 'edit'))
      throw new EnsembleError(ErrorCode.Forbidden, 'only editors can save versions');
    await this.ctx.flush();
    const seq = this.ctx.lastSeq();
    const { doc, span } = await reconstruct(
      this.store,
      this.ctx.room,
      { seq },
      { checkpointEvery: this.checkpointEvery },
    );
    const version = await this.store.addCheckpoint(this.ctx.room, seq, Y.encodeStateAsUpdate(doc), {
      name,
      author: caller.userId,
      span,
    });
    doc.destroy();
    this.ctx.broadcast('version', version);
    this.ctx.peer<RoomService & ActivitySink>('activity')?.record({
      type: 'saved',
      userId: caller.userId,
      userName: caller.userName,
      data: { name, seq, versionId: version.id },
    });
    return version;
  }

  private async at(p: z.infer<typeof schemas.at>) {
    await this.ctx.flush();
    const past = await this.materialize(toPoint(p));
    try {
      return {
        seq: past.seq,
        state: base64(Y.encodeStateAsUpdate(past.doc)),
        ...(p.json ? { json: docToJson(past.doc) } : {}),
      };
    } finally {
      this.release(past);
    }
  }

  private async diff(p: z.infer<typeof schemas.diff>) {
    await this.ctx.flush();
    const options = { checkpointEvery: this.checkpointEvery };
    const from = await reconstruct(this.store, this.ctx.room, toPoint(p.from), options);
    const authors = new Map<string, Set<string>>();
    const note = (key: string, author: string) => {
      const set = authors.get(key) ?? new Set<string>();
      set.add(author);
      authors.set(key, set);
    };
    // Replay from → to on a copy of `from`, attributing each update before it is applied.
    const cursor = new Y.Doc({ gc: false });
    Y.applyUpdate(cursor, Y.encodeStateAsUpdate(from.doc));
    const to = await reconstruct(this.store, this.ctx.room, toPoint(p.to), options);
    const records = await this.store.updatesUntil(this.ctx.room, from.seq, { seq: to.seq });
    for (const record of records) {
      const touched = touchedRootKeys(cursor, record.update);
      for (const { root, key } of touched.keys) note(`${root}/${key}`, record.author);
      for (const root of touched.roots) note(root, record.author);
      Y.applyUpdate(cursor, record.update);
    }
    const changes = diffDocs(from.doc, to.doc, authors);
    const result = {
      from: from.seq,
      to: to.seq,
      authors: [...new Set(records.map((r) => r.author))].sort(),
      changes,
    };
    for (const d of [from.doc, to.doc, cursor]) d.destroy();
    return result;
  }

  private async restore(p: z.infer<typeof schemas.restore>, caller: ServiceCaller) {
    if (!can(caller.role, 'edit')) throw new EnsembleError(ErrorCode.Forbidden, 'only editors can restore');
    await this.ctx.flush();
    const target = await this.materialize(toPoint(p));
    let changed: boolean;
    try {
      changed = await this.ctx.mutate(caller.userId, (live) => restoreInto(live, target.doc));
    } finally {
      this.release(target);
    }
    this.ctx.broadcast('restored', { to: target.seq, by: { userId: caller.userId, name: caller.userName } });
    this.ctx.peer<RoomService & ActivitySink>('activity')?.record({
      type: 'restored',
      userId: caller.userId,
      userName: caller.userName,
      data: { to: target.seq, changed },
    });
    return { restoredTo: target.seq, changed };
  }

  private async replay(p: z.infer<typeof schemas.replay>, caller: ServiceCaller) {
    await this.ctx.flush();
    const start = p.from ? await this.materialize(toPoint(p.from)) : null;
    const records = await this.store.updatesUntil(
      this.ctx.room,
      start?.seq ?? 0,
      p.to ? toPoint(p.to) : { seq: Number.MAX_SAFE_INTEGER },
      100_000,
    );
    const replayId = `${caller.connectionId}/${randomUUID()}`;
    const delays = replayDelays(
      records.map((r) => r.at),
      p.speed,
    );
    const initial = start ? base64(Y.encodeStateAsUpdate(start.doc)) : null;
    if (start) this.release(start);
    let stopped = false;
    let cancelTimer: (() => void) | undefined;
    const stop = () => {
      stopped = true;
      cancelTimer?.();
      this.replays.delete(replayId);
    };
    this.replays.set(replayId, stop);
    const send = (i: number) => {
      if (stopped) return;
      if (i >= records.length) {
        this.ctx.sendTo(caller.connectionId, 'replay-end', { replayId });
        stop();
        return;
      }
      const r = records[i]!;
      const ok = this.ctx.sendTo(caller.connectionId, 'replay', {
        replayId,
        seq: r.seq,
        at: r.at.toISOString(),
        author: r.author,
        update: base64(r.update),
      });
      if (!ok) return stop();
      cancelTimer = this.ctx.setTimer(() => send(i + 1), delays[i + 1] ?? 0);
    };
    // Start after the response is on its way, so the caller knows the id before the first update.
    cancelTimer = this.ctx.setTimer(() => send(0), 0);
    return { replayId, count: records.length, initialState: initial, speed: p.speed };
  }

  private async export(p: z.infer<typeof schemas.export>) {
    await this.ctx.flush();
    const records = await this.store.updatesUntil(
      this.ctx.room,
      p.afterSeq,
      { seq: Number.MAX_SAFE_INTEGER },
      p.limit,
    );
    return {
      room: this.ctx.room,
      updates: records.map((r) => ({
        seq: r.seq,
        at: r.at.toISOString(),
        author: r.author,
        bytes: r.update.byteLength,
        update: base64(r.update),
      })),
    };
  }
}
