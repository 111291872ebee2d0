/** The UpdateStore contract (DESIGN.md §5.3), run against memory, PGlite and (in CI) Postgres. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryUpdateStore } from './memory-update-store.js';
import { PgUpdateStore } from './pg-update-store.js';
import { storeImpls } from './test-support/store-impls.js';
import type { UpdateStore } from './update-store.js';

const impls = storeImpls<UpdateStore>(
  () => new MemoryUpdateStore(),
  (db) => new PgUpdateStore(db),
);

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
