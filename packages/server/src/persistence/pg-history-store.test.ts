/**
 * Reading the log for time travel (PGlite, and Postgres when configured): skipping the stretches
 * that checkpoints prove to be later than the moment must never change which updates are read.
 */
import { type Database, migrate } from '@ensemble/storage';
import { backends } from '@ensemble/storage/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeCheckpoint } from '../services/history/reconstruct.js';
import { PgHistoryStore, rangesToRead } from './pg-history-store.js';
import { PgUpdateStore } from './pg-update-store.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const second = (s: number) => new Date(T0 + s * 1000);
const END = Number.MAX_SAFE_INTEGER;

describe('rangesToRead', () => {
  it('leaves out the skipped stretches and keeps the open end', () => {
    expect(rangesToRead(10, [])).toEqual([[10, END]]);
    expect(
      rangesToRead(10, [
        { from: 20, upto: 30 },
        { from: 30, upto: 40 },
        { from: 50, upto: 60 },
      ]),
    ).toEqual([
      [10, 20],
      [40, 50],
      [60, END],
    ]);
  });

  it('handles stretches that start before the base, overlap or come unsorted', () => {
    expect(
      rangesToRead(10, [
        { from: 50, upto: 70 },
        { from: 0, upto: 15 },
        { from: 55, upto: 60 },
        { from: 5, upto: 8 },
      ]),
    ).toEqual([
      [15, 50],
      [70, END],
    ]);
    // Everything after the base skipped up to the open end.
    expect(rangesToRead(10, [{ from: 10, upto: 90 }])).toEqual([[90, END]]);
  });
});

for (const backend of backends) {
  describe.skipIf(!backend.enabled)(`PgHistoryStore log reads: ${backend.name}`, () => {
    let db: Database;
    let history: PgHistoryStore;
    const room = 'r:spans';
    const count = 1_000;
    /** The time of update i (0-based) in seconds: in order, except for two writers with odd clocks. */
    const secondsOf = (i: number) => (i === 250 ? 5_000 : i === 620 ? 100 : i);
    let seqs: number[] = [];

    beforeAll(async () => {
      db = await backend.open();
      await migrate(db);
      history = new PgHistoryStore(db);
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      for (let i = 0; i < count; i++) doc.getText('t').insert(i, String.fromCharCode(97 + (i % 26)));
      const log = new PgUpdateStore(db);
      // Built as a live room does: times are fixed when appended, a checkpoint every 100 updates.
      for (let start = 0; start < count; start += 100) {
        const part = await log.append(
          updates.slice(start, start + 100).map((update) => ({ room, author: 'ana', update })),
        );
        await db.query(
          `UPDATE sync_updates AS u SET created_at = v.at FROM unnest($2::bigint[], $3::timestamptz[]) AS v(seq, at)
           WHERE u.room = $1 AND u.seq = v.seq`,
          [room, part, part.map((_, j) => second(secondsOf(start + j)))],
        );
        seqs.push(...part);
        if (start === 400) {
          // A checkpoint from before spans existed (migration 0008): never used to skip anything.
          const { rows } = await db.query<{ state: Uint8Array }>(
            'SELECT state FROM sync_checkpoints WHERE room = $1 ORDER BY upto_seq DESC LIMIT 1',
            [room],
          );
          await history.addCheckpoint(room, part.at(-1)!, rows[0]!.state, { at: second(5_000) });
          continue;
        }
        await writeCheckpoint(history, room, part.at(-1)!, { checkpointEvery: 100 });
      }
      seqs = seqs.slice();
    });
    afterAll(() => db?.close());

    const expected = async (afterSeq: number, at: Date) => {
      const { rows } = await db.query<{ seq: number }>(
        'SELECT seq FROM sync_updates WHERE room = $1 AND seq > $2 AND created_at <= $3 ORDER BY seq',
        [room, afterSeq, at],
      );
      return rows.map((r) => r.seq);
    };

    it('records the stretch each checkpoint was built from and its earliest time', async () => {
      const { rows } = await db.query<{ upto_seq: number; from_seq: number | null; first_at: Date | null }>(
        'SELECT upto_seq, from_seq, first_at FROM sync_checkpoints WHERE room = $1 ORDER BY upto_seq',
        [room],
      );
      expect(rows.map((r) => r.upto_seq)).toEqual(seqs.filter((_, i) => i % 100 === 99));
      // The first was built from the empty log, the next ones from their predecessor.
      expect(rows[0]).toMatchObject({ from_seq: 0, first_at: second(0) });
      expect(rows[1]).toMatchObject({ from_seq: seqs[99], first_at: second(100) });
      // The stretch with the late writer still starts at its earliest update.
      expect(rows[2]).toMatchObject({ from_seq: seqs[199], first_at: second(200) });
      expect(rows[4]).toMatchObject({ from_seq: null, first_at: null });
      // The early writer's update (second 100) is the earliest of its stretch.
      expect(rows[6]).toMatchObject({ from_seq: seqs[599], first_at: second(100) });
    });

    it('reads exactly the updates up to a moment, whatever the stretches skipped', async () => {
      const moments = [-1, 0, 50, 99, 100, 101, 150, 250, 300, 499, 500, 620, 700, 999, 5_000, 9_999];
      for (const base of [0, seqs[99]!, seqs[299]!, seqs[499]!]) {
        for (const s of moments) {
          const at = second(s);
          const want = await expected(base, at);
          const records = await history.updatesUntil(room, base, { at });
          expect(
            records.map((r) => r.seq),
            `after ${base}, second ${s}`,
          ).toEqual(want);
          const chunks = await history.replayChunks(room, base, { at }, 64);
          expect(chunks.flatMap((c) => c.updates.map((u) => [...u]))).toEqual(
            records.map((r) => [...r.update]),
          );
          if (want.length > 0) expect(chunks.at(-1)!.lastSeq).toBe(want.at(-1));
        }
      }
    });

    it('cuts replay chunks at the chunk size and reports their seqs and times', async () => {
      const chunks = await history.replayChunks(room, seqs[199]!, { seq: seqs[499]! }, 128);
      expect(chunks.map((c) => c.updates.length)).toEqual([128, 128, 44]);
      expect(chunks.map((c) => c.lastSeq)).toEqual([seqs[327], seqs[455], seqs[499]]);
      // Update 250's clock ran late: the first chunk spans seconds 200 to 5000.
      expect(chunks[0]).toMatchObject({ firstAt: second(200), lastAt: second(5_000) });
      expect(chunks[2]).toMatchObject({ firstAt: second(456), lastAt: second(499) });
      const limited = await history.replayChunks(room, 0, { at: second(9_999) }, 1_000, 150);
      expect(limited.map((c) => c.updates.length)).toEqual([150]);
      expect(await history.replayChunks(room, seqs.at(-1)!, { seq: END }, 10)).toEqual([]);
    });
  });
}
