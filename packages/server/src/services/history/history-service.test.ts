/**
 * `history.at` with the cache of past documents gives exactly the answers of a cold reconstruction
 * (PGlite, and Postgres when configured), while skipping the checkpoint load when it can.
 */
import { type Database, migrate } from '@ensemble/storage';
import { backends } from '@ensemble/storage/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PgHistoryStore } from '../../persistence/pg-history-store.js';
import { PgUpdateStore } from '../../persistence/pg-update-store.js';
import type { ServiceCaller, ServiceContext } from '../service.js';
import { HistoryDocCache } from './doc-cache.js';
import { HistoryService } from './history-service.js';
import { writeCheckpoint } from './reconstruct.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const second = (s: number) => new Date(T0 + s * 1000);
const EVERY = 100;
const COUNT = 1_050;
/** Update 430 was stamped by a clock an hour ahead. */
const secondsOf = (i: number) => (i === 430 ? 3_600 : i);

const caller: ServiceCaller = { connectionId: 'c1', userId: 'ana', userName: 'Ana', role: 'editor' };

function context(room: string, live: Y.Doc): ServiceContext {
  return {
    room,
    broadcast: () => undefined,
    setTimer: () => () => undefined,
    sendTo: () => true,
    flush: async () => undefined,
    lastSeq: () => 0,
    mutate: async (_author, change) => {
      let changed = false;
      const onUpdate = () => {
        changed = true;
      };
      live.on('update', onUpdate);
      live.transact(() => change(live));
      live.off('update', onUpdate);
      return changed;
    },
    members: () => [],
    peer: () => undefined,
  };
}

type Answer = { seq: number; state: string; json: Record<string, unknown> };

/** The state as a fresh document encodes it (two equal documents may split their items differently). */
const normalized = (state: string) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Buffer.from(state, 'base64'));
  return Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64');
};

for (const backend of backends) {
  describe.skipIf(!backend.enabled)(
    `HistoryService time travel with cached documents: ${backend.name}`,
    () => {
      let db: Database;
      let store: PgHistoryStore;
      let checkpointReads = 0;
      const room = 'r:cache';
      const seqs: number[] = [];

      beforeAll(async () => {
        db = await backend.open();
        await migrate(db);
        store = new PgHistoryStore(db);
        const read = store.checkpointAtOrBefore.bind(store);
        store.checkpointAtOrBefore = (...args) => {
          checkpointReads++;
          return read(...args);
        };
        // Two authors: one types, the other edits a map now and then.
        const doc = new Y.Doc();
        const updates: Uint8Array[] = [];
        doc.on('update', (u: Uint8Array) => updates.push(u));
        for (let i = 0; i < COUNT; i++) {
          doc.clientID = i % 7 === 0 ? 2 : 1;
          if (i % 7 === 0) doc.getMap('graph').set(`node:${i % 5}`, { i });
          else if (i % 11 === 0) doc.getText('code').delete(0, 1);
          else doc.getText('code').insert(doc.getText('code').length, String.fromCharCode(97 + (i % 26)));
        }
        const log = new PgUpdateStore(db);
        for (let start = 0; start < COUNT; start += EVERY) {
          const part = await log.append(
            updates.slice(start, start + EVERY).map((update) => ({ room, author: 'ana', update })),
          );
          await db.query(
            `UPDATE sync_updates AS u SET created_at = v.at FROM unnest($2::bigint[], $3::timestamptz[]) AS v(seq, at)
           WHERE u.room = $1 AND u.seq = v.seq`,
            [room, part, part.map((_, j) => second(secondsOf(start + j)))],
          );
          seqs.push(...part);
          if (part.length === EVERY)
            await writeCheckpoint(store, room, part.at(-1)!, { checkpointEvery: EVERY });
        }
      });
      afterAll(() => db?.close());

      const service = (cache?: HistoryDocCache) =>
        new HistoryService(context(room, new Y.Doc()), store, {
          checkpointEvery: EVERY,
          ...(cache ? { cache } : {}),
        });
      const at = (s: HistoryService, params: { seq: number } | { time: string }) =>
        s.handle('at', { ...params, json: true }, caller) as Promise<Answer>;

      it('answers every point exactly as a cold reconstruction does', async () => {
        const cache = new HistoryDocCache(3);
        const cached = service(cache);
        const cold = service();
        // A timeline dragged forward and back, by seq and by time, across checkpoints and the late update.
        const points: ({ seq: number } | { time: string })[] = [
          ...[150, 151, 160, 199, 200, 260, 420, 140, 145, 700, 699, 1_049, 0].map((i) => ({
            seq: seqs[i]!,
          })),
          { seq: 0 },
          ...[-1, 5, 6, 250, 431, 500, 440, 1_049, 3_600, 3_599, 4_000].map((s) => ({
            time: second(s).toISOString(),
          })),
        ];
        for (const point of points) {
          const [warm, fresh] = [await at(cached, point), await at(cold, point)];
          expect(warm.seq, JSON.stringify(point)).toBe(fresh.seq);
          expect(warm.json, JSON.stringify(point)).toEqual(fresh.json);
          expect(normalized(warm.state), JSON.stringify(point)).toBe(normalized(fresh.state));
        }
        expect(cache.size).toBeGreaterThan(0);
        cached.destroy();
        expect(cache.size).toBe(0);
      });

      it('moves a cached document forward instead of loading a checkpoint', async () => {
        const cache = new HistoryDocCache(3);
        const s = service(cache);
        await at(s, { seq: seqs[510]! });
        const before = checkpointReads;
        const next = await at(s, { seq: seqs[560]! });
        expect(checkpointReads).toBe(before);
        expect(next.seq).toBe(seqs[560]);
        // Backwards there is nothing to move forward: a checkpoint is loaded.
        await at(s, { seq: seqs[505]! });
        expect(checkpointReads).toBe(before + 1);
        // Restoring the version just viewed starts from the cached document too.
        const restored = await s.handle('restore', { seq: seqs[505]! }, caller);
        expect(restored).toMatchObject({ restoredTo: seqs[505] });
        expect(checkpointReads).toBe(before + 1);
        s.destroy();
      });

      it('does not keep a document that left out an earlier-logged, later-stamped update', async () => {
        const cache = new HistoryDocCache(3);
        const s = service(cache);
        // At second 500 the update logged 430th (stamped 3600) is missing: not an exact log position.
        const skewed = await at(s, { time: second(500).toISOString() });
        expect(skewed.seq).toBe(seqs[500]);
        expect(cache.size).toBe(0);
        await at(s, { time: second(300).toISOString() });
        expect(cache.size).toBe(1);
        s.destroy();
      });

      it('refuses a checkpoint spacing that is not a positive integer', () => {
        for (const checkpointEvery of [0, -5, 2.5, Number.NaN])
          expect(() => new HistoryService(context(room, new Y.Doc()), store, { checkpointEvery })).toThrow(
            /checkpointEvery must be a positive integer/,
          );
      });
    },
  );
}
