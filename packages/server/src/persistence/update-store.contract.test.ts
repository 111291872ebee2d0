/** The UpdateStore contract (DESIGN.md §5.3), run against memory, PGlite and (in CI) Postgres. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryUpdateStore } from './memory-update-store.js';
import { PgUpdateStore } from './pg-update-store.js';
import { storeImpls } from './test-support/store-impls.js';
import type { UpdateStore } from './update-store.js';

const impls = [
  ...storeImpls<UpdateStore>(
    () => new MemoryUpdateStore(),
    (db) => new PgUpdateStore(db),
  ),
  // Cluster mode takes per-room advisory locks around the same INSERT: it must keep the contract too.
  ...storeImpls<UpdateStore>(
    () => new MemoryUpdateStore(),
    (db) => new PgUpdateStore(db, { serializeRooms: true }),
  )
    .filter((impl) => impl.name !== 'memory')
    .map((impl) => ({ ...impl, name: `${impl.name} (serializeRooms)` })),
];

const bytes = (...values: number[]) => new Uint8Array(values);

for (const impl of impls) {
  describe.skipIf(!impl.enabled)(`UpdateStore contract: ${impl.name}`, () => {
    let store: UpdateStore;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ store, close } = await impl.open());
    });
    afterAll(async () => {
      await close?.();
    });

    it('loads an unknown room as empty', async () => {
      expect(await store.load('nobody')).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
    });

    it('appends in order with increasing sequence numbers and loads them back', async () => {
      const seqs = await store.append([
        { room: 'a', author: 'ana', update: bytes(1) },
        { room: 'b', author: 'bo', update: bytes(2) },
        { room: 'a', author: 'ana', update: bytes(3) },
      ]);
      expect(seqs).toHaveLength(3);
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
      const a = await store.load('a');
      expect(a.updates.map((u) => [...u])).toEqual([[1], [3]]);
      expect(a.lastSeq).toBe(seqs[2]);
      const history = await store.history('a');
      expect(history.map((h) => h.author)).toEqual(['ana', 'ana']);
      expect(history[0]!.at).toBeInstanceOf(Date);
    });

    it('gives each entry of a big mixed batch the sequence number of its position', async () => {
      // More rows than one statement carries, rooms interleaved: order must survive the chunking.
      const rooms = ['big:a', 'big:b', 'big:c'];
      const entries = Array.from({ length: 6_001 }, (_, i) => ({
        room: rooms[(i * 7) % 3]!,
        author: `u${i % 5}`,
        update: bytes(i % 256, (i >> 8) % 256, i % 7),
      }));
      const seqs = await store.append(entries);
      expect(seqs).toHaveLength(entries.length);
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]!).toBeGreaterThan(seqs[i - 1]!);
      const bySeq = new Map(seqs.map((seq, i) => [seq, entries[i]!]));
      for (const room of rooms) {
        const history = await store.history(room, { limit: 20_000 });
        expect(history).toHaveLength(entries.filter((e) => e.room === room).length);
        for (const record of history) {
          const entry = bySeq.get(record.seq)!;
          expect(entry.room).toBe(room);
          expect(record.author).toBe(entry.author);
          expect([...record.update]).toEqual([...entry.update]);
        }
        const loaded = await store.load(room);
        expect(loaded.lastSeq).toBe(history.at(-1)!.seq);
        expect(loaded.updates.map((u) => [...u])).toEqual(history.map((h) => [...h.update]));
      }
    }, 30_000);

    it('stores room and author names verbatim, whatever characters they hold', async () => {
      const names = ['q"uote', 'back\\slash', 'com,ma {brace}', 'NULL', ' spaced ', 'ünï 😀', ''];
      const seqs = await store.append(
        names.map((name, i) => ({ room: `odd:${name}`, author: name, update: bytes(i, 0, 255) })),
      );
      for (const [i, name] of names.entries()) {
        const history = await store.history(`odd:${name}`);
        expect(history.map((h) => [h.seq, h.author, [...h.update]])).toEqual([[seqs[i], name, [i, 0, 255]]]);
      }
      expect(await store.append([])).toEqual([]);
    });

    it('loads snapshot + later updates, keeping history', async () => {
      const [s1, s2] = await store.append([
        { room: 'snap', author: 'x', update: bytes(10) },
        { room: 'snap', author: 'x', update: bytes(11) },
      ]);
      await store.saveSnapshot('snap', bytes(99), s1!);
      const [s3] = await store.append([{ room: 'snap', author: 'x', update: bytes(12) }]);
      const loaded = await store.load('snap');
      expect([...loaded.snapshot!]).toEqual([99]);
      expect(loaded.updates.map((u) => [...u])).toEqual([[11], [12]]);
      expect(loaded.lastSeq).toBe(s3);
      expect((await store.history('snap')).map((h) => h.seq)).toEqual([s1, s2, s3]);
    });

    it('never moves a snapshot backwards', async () => {
      const [s1, s2] = await store.append([
        { room: 'mono', author: 'x', update: bytes(1) },
        { room: 'mono', author: 'x', update: bytes(2) },
      ]);
      await store.saveSnapshot('mono', bytes(2), s2!);
      await store.saveSnapshot('mono', bytes(1), s1!);
      expect([...(await store.load('mono')).snapshot!]).toEqual([2]);
    });

    it('deletes covered history only past the retention age', async () => {
      const [s1] = await store.append([{ room: 'ret', author: 'x', update: bytes(1) }]);
      await store.saveSnapshot('ret', bytes(5), s1!, 60_000);
      expect(await store.history('ret')).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 5));
      await store.saveSnapshot('ret', bytes(5), s1!, 0);
      expect(await store.history('ret')).toHaveLength(0);
    });
  });
}
