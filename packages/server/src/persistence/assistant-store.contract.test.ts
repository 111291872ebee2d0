/** The AssistantStore contract, run against memory, PGlite and (when DATABASE_URL is set) Postgres. */
import { randomUUID } from 'node:crypto';
import type { Database } from '@ensemble/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AssistantExchange, type AssistantStore, MemoryAssistantStore } from './assistant-store.js';
import { PgAssistantStore } from './pg-assistant-store.js';
import { PgUpdateStore } from './pg-update-store.js';
import { storeImpls } from './test-support/store-impls.js';

const impls = storeImpls<AssistantStore>(
  () => new MemoryAssistantStore(),
  (db) => new PgAssistantStore(db),
);

const exchange = (question: string, minute: number): AssistantExchange => ({
  id: randomUUID(),
  question,
  askedBy: { userId: 'ana', name: 'Ana' },
  answerer: 'facilitator',
  answer: '',
  status: 'pending',
  error: null,
  askedAt: new Date(Date.parse('2025-03-01T10:00:00Z') + minute * 60_000).toISOString(),
  answeredAt: null,
});

for (const impl of impls) {
  describe.skipIf(!impl.enabled)(`AssistantStore contract: ${impl.name}`, () => {
    let store: AssistantStore;
    let db: Database | undefined;
    let close: () => Promise<void>;
    const asked = [exchange('who is here?', 0), exchange('what changed?', 1), exchange('locks?', 2)];
    beforeAll(async () => {
      ({ store, db, close } = await impl.open());
      for (const e of asked) await store.insert('r', e);
      await store.insert('other', exchange('elsewhere', 0));
    });
    afterAll(async () => {
      await close?.();
    });

    it('returns the thread oldest first, with pending answers as stored', async () => {
      expect(await store.thread('r', { limit: 10 })).toEqual(asked);
    });

    it('stores the final answer of an exchange', async () => {
      const done = {
        ...asked[1]!,
        answer: 'node:1 changed',
        status: 'done' as const,
        answeredAt: '2025-03-01T10:01:02.345Z',
      };
      await store.finish('r', done);
      const failed = { ...asked[2]!, answer: 'partial', status: 'error' as const, error: 'HTTP 500' };
      await store.finish('r', failed);
      expect(await store.thread('r', { limit: 10 })).toEqual([asked[0], done, failed]);
    });

    it('pages backwards with a cursor and refuses an unknown one', async () => {
      const newest = await store.thread('r', { limit: 2 });
      expect(newest.map((e) => e.question)).toEqual(['what changed?', 'locks?']);
      const older = await store.thread('r', { limit: 2, before: newest[0]!.id });
      expect(older.map((e) => e.question)).toEqual(['who is here?']);
      await expect(store.thread('r', { limit: 2, before: 'nope' })).rejects.toMatchObject({
        code: 'ENSEMBLE_NOT_FOUND',
      });
    });

    it.skipIf(impl.name === 'memory')('finds where the newest N updates of a room start', async () => {
      const log = new PgUpdateStore(db!);
      const seqs = await log.append(
        Array.from({ length: 5 }, (_, i) => ({ room: 'logged', author: 'ana', update: new Uint8Array([i]) })),
      );
      expect(await store.recentLogStart('logged', 2)).toBe(seqs[2]);
      expect(await store.recentLogStart('logged', 10)).toBe(0);
    });
  });
}
