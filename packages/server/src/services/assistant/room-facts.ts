import * as Y from 'yjs';
import type { HistoryPoint, HistoryStore } from '../../persistence/history-store.js';
import type { ActivityService } from '../activity/activity-service.js';
import { type Change, diffDocs } from '../history/diff.js';
import { reconstruct } from '../history/reconstruct.js';
import type { LockInfo } from '../locks/lock-service.js';
import { touchedRootKeys } from '../locks/touched-keys.js';
import type { PresenceUser } from '../presence/presence-service.js';
import type { ChatReader, RoomService, ServiceCaller, ServiceContext } from '../service.js';
import type { KeyChange, Person, RoomFacts } from './answerer.js';

export interface FactsDeps {
  ctx: ServiceContext;
  /** Without it, questions about changes are answered with "history is not available". */
  history?: HistoryStore | undefined;
  /** Where the newest `count` updates of the room start (see AssistantStore.recentLogStart). */
  logStart?: (room: string, count: number) => Promise<number>;
  now: () => number;
  /** Authorship questions read at most this many of the newest updates. Default 5,000. */
  scanLimit?: number;
}

/** Services are asked as this caller: a read-only look, never an action on someone's behalf. */
const SELF: ServiceCaller = {
  connectionId: 'assistant',
  userId: 'assistant',
  userName: 'Assistant',
  role: 'viewer',
};

const NEWEST: HistoryPoint = { seq: Number.MAX_SAFE_INTEGER };

/**
 * The document between two points with who touched what: each logged update in between is traced
 * to the root keys it changed before it is applied (the same attribution as `history.diff`).
 */
export async function attributedDiff(
  store: HistoryStore,
  room: string,
  from: HistoryPoint,
  to: HistoryPoint,
): Promise<{ changes: Change[]; authors: string[] }> {
  const before = await reconstruct(store, room, from);
  const after = await reconstruct(store, room, to);
  const cursor = new Y.Doc({ gc: false });
  Y.applyUpdate(cursor, Y.encodeStateAsUpdate(before.doc));
  const touched = new Map<string, Set<string>>();
  const note = (key: string, author: string) => touched.set(key, (touched.get(key) ?? new Set()).add(author));
  const records = await store.updatesUntil(room, before.seq, { seq: after.seq });
  for (const record of records) {
    const t = touchedRootKeys(cursor, record.update);
    for (const { root, key } of t.keys) note(`${root}/${key}`, record.author);
    for (const root of t.roots) note(root, record.author);
    Y.applyUpdate(cursor, record.update);
  }
  const changes = diffDocs(before.doc, after.doc, touched);
  for (const d of [before.doc, after.doc, cursor]) d.destroy();
  return { changes, authors: [...new Set(records.map((r) => r.author))].sort() };
}

/** RoomFacts over the room's services and stores. */
export function roomFacts(deps: FactsDeps): RoomFacts {
  const { ctx, history, now } = deps;
  const scanLimit = deps.scanLimit ?? 5_000;

  const presence = (): PresenceUser[] | null => {
    const service = ctx.peer<RoomService & { list(): PresenceUser[] }>('presence');
    return typeof service?.list === 'function' ? service.list() : null;
  };
  const nameOf = (userId: string): string =>
    ctx.members().find((m) => m.userId === userId)?.userName ??
    presence()?.find((u) => u.userId === userId)?.userName ??
    ctx.peer<ActivityService>('activity')?.nameOf?.(userId) ??
    userId;

  return {
    room: ctx.room,
    now,
    people(): Person[] {
      const byUser = new Map<string, Person>();
      for (const m of ctx.members()) {
        const p = byUser.get(m.userId) ?? { userId: m.userId, name: m.userName, connections: 0 };
        p.connections++;
        byUser.set(m.userId, p);
      }
      for (const u of presence() ?? []) {
        const p = byUser.get(u.userId);
        if (p)
          Object.assign(p, {
            status: u.status,
            typingIn: u.typing ? (u.typing.where ?? 'the document') : null,
          });
      }
      return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name));
    },
    async locks(): Promise<LockInfo[] | null> {
      const service = ctx.peer('locks');
      if (!service) return null;
      const result = (await service.handle('list', {}, SELF)) as { locks?: LockInfo[] };
      return result.locks ?? [];
    },
    async recentChat(limit) {
      const chat = ctx.peer<RoomService & Partial<ChatReader>>('chat');
      return typeof chat?.recentMessages === 'function' ? chat.recentMessages(limit) : null;
    },
    async activity(windowMs) {
      const activity = ctx.peer<ActivityService>('activity');
      return typeof activity?.summary === 'function' ? activity.summary(windowMs) : null;
    },
    async keyHistory(target) {
      if (!history) return null;
      await ctx.flush();
      const start = deps.logStart ? await deps.logStart(ctx.room, scanLimit) : 0;
      const base =
        start > 0
          ? await reconstruct(history, ctx.room, { seq: start })
          : { doc: new Y.Doc({ gc: false }), seq: 0 };
      const records = await history.updatesUntil(ctx.room, base.seq, NEWEST, scanLimit * 2);
      const changes: KeyChange[] = [];
      for (const record of records) {
        const touched = touchedRootKeys(base.doc, record.update);
        if (touched.keys.some((k) => k.key === target) || touched.roots.includes(target)) {
          changes.push({
            userId: record.author,
            name: nameOf(record.author),
            at: record.at.toISOString(),
            seq: record.seq,
          });
        }
        Y.applyUpdate(base.doc, record.update);
      }
      base.doc.destroy();
      return { target, changes, scanned: records.length, complete: start === 0 };
    },
    async changesSince(at) {
      if (!history) return null;
      await ctx.flush();
      const diff = await attributedDiff(history, ctx.room, { at: new Date(at) }, NEWEST);
      const changes = diff.changes.map((c) => ({ ...c, by: c.by.map(nameOf) }));
      return { since: new Date(at).toISOString(), changes, authors: diff.authors.map(nameOf) };
    },
    async lastVersion() {
      if (!history) return null;
      const named = (await history.checkpoints(ctx.room)).filter((c) => c.name !== null);
      const last = named.at(-1);
      return last ? { name: last.name!, at: last.at.getTime() } : null;
    },
  };
}
