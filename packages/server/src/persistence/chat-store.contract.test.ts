/** The ChatStore contract on PGlite and (when DATABASE_URL is set) Postgres. */
import { randomUUID } from 'node:crypto';
import { type Database, migrate } from '@ensemble/storage';
import { backends } from '@ensemble/storage/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatStore } from './chat-store.js';
import { PgChatStore } from './pg-chat-store.js';

const ana = { userId: 'ana', name: 'Ana' };
const bo = { userId: 'bo', name: 'Bo' };

for (const backend of backends) {
  describe.skipIf(!backend.enabled)(`ChatStore contract: ${backend.name}`, () => {
    let db: Database;
    let store: ChatStore;
    beforeAll(async () => {
      db = await backend.open();
      await migrate(db);
      store = new PgChatStore(db);
    });
    afterAll(async () => {
      await db?.close();
    });

    const send = (room: string, user: typeof ana, text: string, extra: Record<string, unknown> = {}) =>
      store.insert(room, { id: randomUUID(), userId: user.userId, userName: user.name, text, ...extra });

    it('stores a message and reads it back, only in its own room', async () => {
      const m = await send('r1', ana, 'hello');
      expect(m).toMatchObject({
        userId: 'ana',
        userName: 'Ana',
        text: 'hello',
        parentId: null,
        anchor: null,
        editedAt: null,
        deletedAt: null,
        reactions: [],
        replyCount: 0,
      });
      expect(new Date(m.createdAt).toISOString()).toBe(m.createdAt);
      expect(await store.get('r1', m.id)).toEqual(m);
      expect(await store.get('other-room', m.id)).toBeNull();
    });

    it('pages newest first with a cursor, and keeps threads and comments out of the main chat', async () => {
      const sent = [];
      for (let i = 0; i < 5; i++) sent.push(await send('pages', ana, `m${i}`));
      await send('pages', bo, 'a reply', { parentId: sent[0]!.id });
      await send('pages', bo, 'a comment', { anchor: { kind: 'node', id: 'n1' } });
      const first = await store.list('pages', { limit: 2 });
      expect(first.messages.map((m) => m.text)).toEqual(['m4', 'm3']);
      const second = await store.list('pages', { limit: 2, before: first.nextBefore! });
      expect(second.messages.map((m) => m.text)).toEqual(['m2', 'm1']);
      const third = await store.list('pages', { limit: 2, before: second.nextBefore! });
      expect(third.messages.map((m) => m.text)).toEqual(['m0']);
      expect(third.nextBefore).toBeNull();
      expect(third.messages[0]!.replyCount).toBe(1);
      const thread = await store.list('pages', { limit: 10, threadOf: sent[0]!.id });
      expect(thread.messages.map((m) => m.text)).toEqual(['a reply']);
      await expect(store.list('pages', { limit: 2, before: randomUUID() })).rejects.toThrow(
        /before: no message/,
      );
    });

    it('filters by user and by time (inclusive bounds)', async () => {
      const day = (d: number) => new Date(Date.UTC(2026, 0, d, 12));
      await send('filters', ana, 'one', { at: day(1) });
      await send('filters', bo, 'two', { at: day(2) });
      await send('filters', ana, 'three', { at: day(3) });
      const texts = async (q: Parameters<ChatStore['list']>[1]) =>
        (await store.list('filters', q)).messages.map((m) => m.text);
      expect(await texts({ limit: 10, userId: 'ana' })).toEqual(['three', 'one']);
      expect(await texts({ limit: 10, from: day(2) })).toEqual(['three', 'two']);
      expect(await texts({ limit: 10, to: day(2) })).toEqual(['two', 'one']);
      expect(await texts({ limit: 10, from: day(2), to: day(2), userId: 'bo' })).toEqual(['two']);
      const stats = await store.stats('filters', {});
      expect(stats.days).toEqual([
        { day: '2026-01-01', messages: 1 },
        { day: '2026-01-02', messages: 1 },
        { day: '2026-01-03', messages: 1 },
      ]);
      expect(stats.users).toEqual([
        { userId: 'ana', name: 'Ana', messages: 2 },
        { userId: 'bo', name: 'Bo', messages: 1 },
      ]);
      expect((await store.stats('filters', { from: day(3) })).messages).toBe(1);
    });

    it('edits, soft-deletes (text gone, row kept), and never edits a deleted message', async () => {
      const m = await send('edit', ana, 'typo');
      const edited = await store.edit('edit', m.id, 'fixed');
      expect(edited).toMatchObject({ text: 'fixed' });
      expect(edited!.editedAt).not.toBeNull();
      const deleted = await store.softDelete('edit', m.id, 'ana');
      expect(deleted).toMatchObject({ text: '', deletedBy: 'ana' });
      expect(await store.softDelete('edit', m.id, 'ana')).toBeNull();
      expect(await store.edit('edit', m.id, 'again')).toBeNull();
      expect((await store.list('edit', { limit: 10 })).messages[0]).toMatchObject({ id: m.id, text: '' });
      expect(await store.exportMessages('edit', {}, 100)).toEqual([]);
      expect(await store.search('edit', { q: 'fixed', limit: 10 })).toEqual([]);
      expect((await store.stats('edit', {})).deleted).toBe(1);
    });

    it('toggles reactions per user and emoji', async () => {
      const m = await send('react', ana, 'ship it');
      expect((await store.toggleReaction('react', m.id, bo, '👍')).added).toBe(true);
      const both = await store.toggleReaction('react', m.id, ana, '👍');
      expect(both.reactions).toEqual([
        {
          emoji: '👍',
          count: 2,
          users: [
            { userId: 'bo', name: 'Bo' },
            { userId: 'ana', name: 'Ana' },
          ],
        },
      ]);
      const off = await store.toggleReaction('react', m.id, bo, '👍');
      expect(off.added).toBe(false);
      expect(off.reactions[0]).toMatchObject({ count: 1, users: [{ userId: 'ana' }] });
      expect((await store.toggleReaction('elsewhere', m.id, bo, '🎉')).added).toBe(false);
      expect((await store.stats('react', {})).reactions).toEqual({
        total: 1,
        byEmoji: [{ emoji: '👍', count: 1 }],
      });
    });

    it('keeps read marks moving forward and counts unread messages from others', async () => {
      const a1 = await send('reads', ana, 'a1');
      const b1 = await send('reads', bo, 'b1');
      await send('reads', ana, 'a2');
      const b2 = await send('reads', bo, 'b2');
      expect(await store.unread('reads', 'ana')).toEqual({ count: 2, lastRead: null });
      expect((await store.markRead('reads', ana, b1.id))!.upTo).toBe(b1.id);
      expect(await store.unread('reads', 'ana')).toEqual({ count: 1, lastRead: b1.id });
      // An older receipt arriving late does not move the mark back.
      expect((await store.markRead('reads', ana, a1.id))!.upTo).toBe(b1.id);
      await store.softDelete('reads', b2.id, 'bo');
      expect((await store.unread('reads', 'ana')).count).toBe(0);
      expect(await store.markRead('reads', ana, randomUUID())).toBeNull();
      expect((await store.reads('reads')).map((r) => r.userId)).toEqual(['ana']);
    });

    it('searches with stemming, ranked, with filters', async () => {
      await send('search', ana, 'Deploying the new shader pipeline tonight');
      await send('search', bo, 'the shader deployment failed');
      await send('search', bo, 'lunch?');
      const hits = await store.search('search', { q: 'deploy shader', limit: 10 });
      expect(hits.map((m) => m.userId).sort()).toEqual(['ana', 'bo']);
      expect(await store.search('search', { q: 'deployed', userId: 'bo', limit: 10 })).toHaveLength(1);
      expect(await store.search('search', { q: '"shader pipeline"', limit: 10 })).toHaveLength(1);
      expect(await store.search('search', { q: 'the', limit: 10 })).toEqual([]);
      expect(await store.search('search', { q: 'lunch', limit: 10 })).toHaveLength(1);
    });

    it('lists comments by target and resolution, with their replies', async () => {
      const c1 = await send('comments', ana, 'node one looks off', {
        anchor: { kind: 'node', id: 'node:1' },
      });
      const c2 = await send('comments', bo, 'typo here', {
        anchor: { kind: 'text', field: 'code', start: 'AA==', end: 'AA==' },
      });
      await send('comments', bo, 'agreed', { parentId: c1.id });
      await store.setResolved('comments', c2.id, 'ana');
      const all = await store.comments('comments', {});
      expect(all.map((c) => c.text)).toEqual(['node one looks off', 'typo here']);
      expect(all[0]!.replies.map((r) => r.text)).toEqual(['agreed']);
      expect(all[1]).toMatchObject({ resolvedBy: 'ana', anchor: { kind: 'text', field: 'code' } });
      expect((await store.comments('comments', { target: 'node:1' })).map((c) => c.id)).toEqual([c1.id]);
      expect((await store.comments('comments', { target: 'code' })).map((c) => c.id)).toEqual([c2.id]);
      expect((await store.comments('comments', { resolved: false })).map((c) => c.id)).toEqual([c1.id]);
      expect((await store.stats('comments', {})).comments).toEqual({ open: 1, resolved: 1 });
      const reopened = await store.setResolved('comments', c2.id, null);
      expect(reopened).toMatchObject({ resolvedAt: null, resolvedBy: null });
    });

    it('returns the newest messages oldest first for the assistant', async () => {
      for (let i = 0; i < 4; i++) await send('recent', ana, `r${i}`);
      expect((await store.recent('recent', 2)).map((m) => m.text)).toEqual(['r2', 'r3']);
    });
  });
}
