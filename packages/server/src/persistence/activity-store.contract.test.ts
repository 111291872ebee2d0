/** The ActivityStore contract, run against memory, PGlite and (when DATABASE_URL is set) Postgres. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActivityBatchStore, type ActivityEntry, MemoryActivityStore } from './activity-store.js';
import { PgActivityStore } from './pg-activity-store.js';
import { storeImpls } from './test-support/store-impls.js';

const impls = storeImpls<ActivityBatchStore>(
  () => new MemoryActivityStore(),
  (db) => new PgActivityStore(db),
);

const T0 = Date.parse('2025-03-01T10:00:00.000Z');
const entry = (type: string, userId: string, minute: number, data: Record<string, unknown> = {}) => {
  const at = new Date(T0 + minute * 60_000).toISOString();
  return { id: randomUUID(), type, userId, userName: userId.toUpperCase(), data, at, until: at };
};

for (const impl of impls) {
  describe.skipIf(!impl.enabled)(`ActivityStore contract: ${impl.name}`, () => {
    let store: ActivityBatchStore;
    let close: () => Promise<void>;
    const entries: ActivityEntry[] = [];
    beforeAll(async () => {
      ({ store, close } = await impl.open());
      entries.push(
        entry('joined', 'ana', 0),
        entry('edited', 'ana', 1, { edits: 3 }),
        entry('joined', 'bo', 2),
        entry('locked', 'bo', 3, { resource: 'node:1', kind: 'hard' }),
        entry('left', 'ana', 4),
      );
      await store.write('r', entries);
      await store.write('other', [entry('joined', 'cy', 1)]);
    });
    afterAll(async () => {
      await close?.();
    });

    it('lists newest first with the stored fields intact', async () => {
      const listed = await store.list('r', { limit: 10 });
      expect(listed).toEqual([...entries].reverse());
    });

    it('updates an entry written again with the same id (coalesced edits) instead of adding one', async () => {
      const edited = entries[1]!;
      const grown = { ...edited, data: { edits: 9 }, until: new Date(T0 + 90_000).toISOString() };
      await store.write('r', [grown]);
      const listed = await store.list('r', { limit: 10, types: ['edited'] });
      expect(listed).toEqual([grown]);
      entries[1] = grown;
    });

    it('filters by type, user and time, and pages with a cursor', async () => {
      expect((await store.list('r', { limit: 10, userId: 'bo' })).map((e) => e.type)).toEqual([
        'locked',
        'joined',
      ]);
      expect((await store.list('r', { limit: 10, types: ['joined', 'left'] })).length).toBe(3);
      const window = await store.list('r', {
        limit: 10,
        since: new Date(T0 + 60_000),
        until: new Date(T0 + 3 * 60_000),
      });
      expect(window.map((e) => e.type)).toEqual(['locked', 'joined', 'edited']);
      const first = await store.list('r', { limit: 2 });
      const second = await store.list('r', { limit: 2, before: first[1]!.id });
      const third = await store.list('r', { limit: 2, before: second[1]!.id });
      expect([...first, ...second, ...third].map((e) => e.id)).toEqual(
        [...entries].reverse().map((e) => e.id),
      );
    });

    it('refuses an unknown cursor with a clear error', async () => {
      await expect(store.list('r', { limit: 5, before: randomUUID() })).rejects.toMatchObject({
        code: 'ENSEMBLE_NOT_FOUND',
      });
      await expect(store.list('r', { limit: 5, before: 'not-a-uuid' })).rejects.toMatchObject({
        code: 'ENSEMBLE_NOT_FOUND',
      });
    });

    it('writes the entries of many rooms at once, updating the ones already stored', async () => {
      const odd = {
        ...entry('chat', 'q"uote', 5, { text: 'a "b" \\ {c, d} ünï 😀', list: [1, null, { n: 'x' }] }),
        userName: 'Ann, "the" {boss} \\',
      };
      const plain = entry('joined', 'dee', 6);
      const existing = { ...entry('joined', 'eve', 7), data: { tab: 1 } };
      await store.writeMany([{ room: 'many:c', entry: existing }]);
      const renamed = {
        ...existing,
        userName: 'EVE 2',
        data: { tab: 2 },
        until: new Date(T0 + 8 * 60_000).toISOString(),
      };
      await store.writeMany([
        { room: 'many:a', entry: odd },
        { room: 'many:b', entry: plain },
        { room: 'many:c', entry: renamed },
      ]);
      expect(await store.list('many:a', { limit: 10 })).toEqual([odd]);
      expect(await store.list('many:b', { limit: 10 })).toEqual([plain]);
      expect(await store.list('many:c', { limit: 10 })).toEqual([renamed]);
      await store.writeMany([]);
    });

    it('counts entries and edits per user and type since a moment', async () => {
      const counts = await store.counts('r', new Date(T0 + 60_000));
      const byKey = Object.fromEntries(counts.map((c) => [`${c.userId}/${c.type}`, c]));
      expect(Object.keys(byKey).sort()).toEqual(['ana/edited', 'ana/left', 'bo/joined', 'bo/locked']);
      expect(byKey['ana/edited']).toMatchObject({ userName: 'ANA', entries: 1, edits: 9 });
      expect(byKey['ana/edited']!.lastAt).toBe(new Date(T0 + 90_000).toISOString());
    });
  });
}
