/** Time travel over the real log (PGlite, and Postgres when configured): checkpoints stay exact. */
import { type Database, migrate } from '@ensemble/storage';
import { backends } from '@ensemble/storage/test-support';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { PgHistoryStore } from '../../persistence/pg-history-store.js';
import { PgUpdateStore } from '../../persistence/pg-update-store.js';
import { CHECKPOINT_EVERY, reconstruct, writeCheckpoint } from './reconstruct.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const secondsAfterStart = (s: number) => new Date(T0 + s * 1000);

/** `count` one-character inserts; returns each update and the text after it. */
function typing(count: number) {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  const texts: string[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < count; i++) {
    doc.getText('t').insert(doc.getText('t').length, String.fromCharCode(97 + (i % 26)));
    texts.push(doc.getText('t').toString());
  }
  return { updates, texts };
}

for (const backend of backends) {
  describe.skipIf(!backend.enabled)(`reconstruct: ${backend.name}`, () => {
    let db: Database;
    let log: PgUpdateStore;
    let history: PgHistoryStore;

    /** Appends updates and gives update i the time `seconds[i]`; returns their seqs. */
    const append = async (room: string, updates: Uint8Array[], seconds: (i: number) => number) => {
      const seqs = await log.append(updates.map((update) => ({ room, author: 'ana', update })));
      for (let i = 0; i < seqs.length; i += 500) {
        const part = seqs.slice(i, i + 500);
        await db.query(
          `UPDATE sync_updates AS u SET created_at = v.at FROM unnest($2::bigint[], $3::timestamptz[]) AS v(seq, at)
           WHERE u.room = $1 AND u.seq = v.seq`,
          [room, part, part.map((_, j) => secondsAfterStart(seconds(i + j)))],
        );
      }
      return seqs;
    };

    beforeAll(async () => {
      db = await backend.open();
      await migrate(db);
      log = new PgUpdateStore(db);
      history = new PgHistoryStore(db);
    });
    afterAll(() => db?.close());

    it('builds a background checkpoint in slices that leave the event loop turns, with the same state', async () => {
      const { updates, texts } = typing(800);
      const seqs = await append('r:sliced', updates, (i) => i);
      // Counts event-loop turns while the checkpoint is built: one per check phase.
      let turns = 0;
      let running = true;
      const tick = () => {
        turns++;
        if (running) setImmediate(tick);
      };
      setImmediate(tick);
      // The turn each transaction of the replay ran in.
      const sliceTurns: number[] = [];
      const transact = vi.spyOn(Y.Doc.prototype, 'transact').mockImplementation(function (
        this: Y.Doc,
        fn: (tr: Y.Transaction) => unknown,
        origin?: unknown,
      ) {
        sliceTurns.push(turns);
        return Y.transact(this, fn, origin);
      });
      try {
        expect(await writeCheckpoint(history, 'r:sliced', seqs.at(-1)!, { yieldEvery: 16 })).toBe(true);
      } finally {
        transact.mockRestore();
        running = false;
      }
      // 800 updates in slices of 16, each in a later event-loop turn than the one before.
      expect(sliceTurns.length).toBeGreaterThanOrEqual(50);
      for (let i = 1; i < sliceTurns.length; i++) expect(sliceTurns[i]).toBeGreaterThan(sliceTurns[i - 1]!);
      const r = await reconstruct(history, 'r:sliced', { seq: seqs.at(-1)! });
      expect(r.replayed).toBe(0);
      expect(r.doc.getText('t').toString()).toBe(texts.at(-1));
      r.doc.destroy();
    });

    it('equals the document at every probed moment, using automatic checkpoints', async () => {
      const count = CHECKPOINT_EVERY * 2 + 300;
      const { updates, texts } = typing(count);
      const seqs = await append('r:auto', updates, (i) => i);
      expect(await writeCheckpoint(history, 'r:auto', seqs[700]!)).toBe(true);
      // Nothing new since: no second checkpoint at the same place.
      expect(await writeCheckpoint(history, 'r:auto', seqs[700]!)).toBe(false);
      const [cp] = await history.checkpoints('r:auto');
      // A checkpoint carries the time of the newest update it covers, not the time it was written.
      expect(cp!.at.toISOString()).toBe(secondsAfterStart(700).toISOString());
      const atCheckpoint = await reconstruct(history, 'r:auto', { at: secondsAfterStart(700) });
      expect(atCheckpoint.replayed).toBe(0);
      atCheckpoint.doc.destroy();

      for (const i of [0, 10, 699, 701, CHECKPOINT_EVERY, count - 1]) {
        const r = await reconstruct(history, 'r:auto', { at: secondsAfterStart(i) });
        expect(r.doc.getText('t').toString()).toBe(texts[i]);
        expect(r.seq).toBe(seqs[i]);
        r.doc.destroy();
      }
      // The long replay to the end (from 700) left a checkpoint 1,000 updates later.
      expect((await history.checkpoints('r:auto')).map((c) => c.seq)).toEqual([
        seqs[700],
        seqs[700 + CHECKPOINT_EVERY],
      ]);
      const before = await reconstruct(history, 'r:auto', { at: secondsAfterStart(-1) });
      expect(before.doc.getText('t').toString()).toBe('');
      expect(before.seq).toBe(0);
    });

    it('writes one automatic checkpoint, not a second a few updates before it', async () => {
      // What a live room does: the checkpoint is due after CHECKPOINT_EVERY updates, but a few more
      // were logged before it is written.
      const { updates, texts } = typing(CHECKPOINT_EVERY + 37);
      const seqs = await append('r:once', updates, (i) => i);
      expect(await writeCheckpoint(history, 'r:once', seqs.at(-1)!)).toBe(true);
      expect((await history.checkpoints('r:once')).map((c) => c.seq)).toEqual([seqs.at(-1)]);
      // A room without any (e.g. logged before checkpoints existed) still gets them on the way.
      const more = typing(CHECKPOINT_EVERY * 2 + CHECKPOINT_EVERY / 2);
      const moreSeqs = await append('r:backlog', more.updates, (i) => i);
      expect(await writeCheckpoint(history, 'r:backlog', moreSeqs.at(-1)!)).toBe(true);
      expect((await history.checkpoints('r:backlog')).map((c) => c.seq)).toEqual([
        moreSeqs[CHECKPOINT_EVERY - 1],
        moreSeqs.at(-1),
      ]);
      const r = await reconstruct(history, 'r:once', { seq: seqs.at(-1)! });
      expect(r.replayed).toBe(0);
      expect(r.doc.getText('t').toString()).toBe(texts.at(-1));
      r.doc.destroy();
    });

    it('never writes a checkpoint past an update that is later in time than earlier seqs', async () => {
      const count = CHECKPOINT_EVERY + 200;
      const { updates } = typing(count);
      // Update 100 was logged in order but stamped one hour later (a slow writer's clock): at
      // second 500 the document has every update up to 500 except that one.
      const seqs = await append('r:skew', updates, (i) => (i === 100 ? 3_600 : i));
      const r = await reconstruct(history, 'r:skew', { at: secondsAfterStart(CHECKPOINT_EVERY + 100) });
      expect(r.replayed).toBe(CHECKPOINT_EVERY + 100);
      // Update 100's character is missing, and everything typed after it depends on it → pending.
      expect(r.doc.getText('t').length).toBe(100);
      r.doc.destroy();
      // The long replay did not leave a checkpoint claiming to cover update 100.
      expect(await history.checkpoints('r:skew')).toEqual([]);

      const bySeq = await reconstruct(history, 'r:skew', { seq: seqs.at(-1)! });
      expect(bySeq.doc.getText('t').length).toBe(count);
      bySeq.doc.destroy();
      // A seq replay of more than CHECKPOINT_EVERY updates leaves one, stamped with the newest time.
      const [cp] = await history.checkpoints('r:skew');
      expect(cp!.seq).toBe(seqs[CHECKPOINT_EVERY - 1]);
      expect(cp!.at.toISOString()).toBe(secondsAfterStart(3_600).toISOString());
      // …so it is not used for moments before that time.
      const early = await reconstruct(history, 'r:skew', { at: secondsAfterStart(50) });
      expect(early.doc.getText('t').length).toBe(51);
      early.doc.destroy();
    });
  });
}
