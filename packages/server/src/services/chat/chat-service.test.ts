/** ChatService against a real (PGlite) store with a fake room context: timers, broadcasts, siblings. */
import { type Database, migrate } from '@ensemble/storage';
import { pgliteBackend } from '@ensemble/storage/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PgChatStore } from '../../persistence/pg-chat-store.js';
import type { ActivityInput, ServiceCaller } from '../service.js';
import { fakeRoom } from '../test-support/fake-context.js';
import { ChatService, TYPING_TTL_MS } from './chat-service.js';

const caller = (userId: string, role: ServiceCaller['role'] = 'editor'): ServiceCaller => ({
  connectionId: `c-${userId}`,
  userId,
  userName: userId.toUpperCase(),
  role,
});

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('ChatService', () => {
  let db: Database;
  let store: PgChatStore;
  beforeAll(async () => {
    db = await pgliteBackend.open();
    await migrate(db);
    store = new PgChatStore(db);
  });
  afterAll(async () => {
    await db?.close();
  });

  function harness(name: string, withActivity = true) {
    const room = fakeRoom({ room: name });
    const activity: ActivityInput[] = [];
    const sink = { name: 'activity', handle: () => null, record: (e: ActivityInput) => activity.push(e) };
    if (withActivity) room.peers.set('activity', sink);
    const doc = new Y.Doc();
    const service = new ChatService(room.ctx, doc, store, { now: () => new Date('2026-11-22T10:00:00Z') });
    return {
      service,
      doc,
      events: room.events,
      activity,
      advance: room.advance,
      setMembers: (m: ServiceCaller[]) => {
        room.members = m;
      },
    };
  }

  it('expires a typing indicator unless renewed, and broadcasts only changes', async () => {
    const { service, events, advance } = harness('typing');
    await service.handle('typing', { typing: true }, caller('ana'));
    advance(TYPING_TTL_MS - 1);
    await service.handle('typing', { typing: true }, caller('ana'));
    advance(TYPING_TTL_MS - 1);
    expect(await service.handle('typingNow', {}, caller('bo'))).toEqual({
      typing: [{ userId: 'ana', name: 'ANA' }],
    });
    advance(1);
    expect(events.filter((e) => e.name === 'typing').map((e) => e.body)).toEqual([
      { userId: 'ana', name: 'ANA', typing: true },
      { userId: 'ana', name: 'ANA', typing: false },
    ]);
    expect(await service.handle('typingNow', {}, caller('bo'))).toEqual({ typing: [] });
  });

  it('ends typing when the user sends or leaves with their last socket', async () => {
    const { service, events, setMembers } = harness('typing-end');
    await service.handle('typing', { typing: true }, caller('ana'));
    await service.handle('send', { text: 'done typing' }, caller('ana'));
    await service.handle('typing', { typing: true }, caller('bo'));
    setMembers([{ ...caller('bo'), connectionId: 'second-tab' }]);
    service.onLeave(caller('bo'));
    expect(await service.handle('typingNow', {}, caller('ana'))).toEqual({
      typing: [{ userId: 'bo', name: 'BO' }],
    });
    setMembers([]);
    service.onLeave(caller('bo'));
    const typing = events.filter((e) => e.name === 'typing').map((e) => e.body as { typing: boolean });
    expect(typing.map((t) => t.typing)).toEqual([true, false, true, false]);
  });

  it('records chat activity when the room has an activity stream, and works without one', async () => {
    const withSink = harness('activity');
    const m = (await withSink.service.handle('send', { text: 'hi all' }, caller('ana'))) as { id: string };
    expect(withSink.activity).toEqual([
      {
        type: 'chat',
        userId: 'ana',
        userName: 'ANA',
        data: { messageId: m.id, kind: 'message', preview: 'hi all' },
      },
    ]);
    const without = harness('no-activity', false);
    await expect(
      without.service.handle('send', { text: 'still fine' }, caller('ana')),
    ).resolves.toMatchObject({
      text: 'still fine',
    });
  });

  it('gives the assistant recent messages as chat lines', async () => {
    const { service } = harness('reader');
    await service.handle('send', { text: 'first' }, caller('ana'));
    await service.handle('send', { text: 'second' }, caller('bo'));
    const lines = await service.recentMessages(5);
    expect(lines.map((l) => [l.userName, l.text])).toEqual([
      ['ANA', 'first'],
      ['BO', 'second'],
    ]);
  });

  it('refuses bad text anchors clearly and stores nothing', async () => {
    const { service, doc, events } = harness('anchors');
    doc.getText('code').insert(0, 'hello world');
    doc.getMap('graph').set('x', 1);
    const pos = (i: number) =>
      b64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(doc.getText('code'), i)));
    const other = new Y.Doc();
    other.getText('code').insert(0, 'elsewhere');
    const foreign = b64(
      Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(other.getText('code'), 2)),
    );
    const attempts: [unknown, RegExp][] = [
      [{ kind: 'text', field: 'nope', start: pos(0), end: pos(1) }, /no text named nope/],
      [{ kind: 'text', field: 'graph', start: pos(0), end: pos(1) }, /no text named graph/],
      [{ kind: 'text', field: 'code', start: foreign, end: pos(1) }, /start does not point into/],
      [{ kind: 'text', field: 'code', start: pos(5), end: pos(1) }, /start is after end/],
      [{ kind: 'text', field: 'code', start: '!!', end: pos(1) }, /base64/],
      [{ kind: 'planet', id: 'x' }, /invalid chat comment/],
    ];
    for (const [anchor, message] of attempts) {
      await expect(service.handle('comment', { text: 'look', anchor }, caller('ana'))).rejects.toThrow(
        message,
      );
    }
    expect(events).toEqual([]);
    expect(await service.handle('comments', {}, caller('ana'))).toEqual({ comments: [] });
    const ok = await service.handle(
      'comment',
      { text: 'greeting', anchor: { kind: 'text', field: 'code', start: pos(0), end: pos(5) } },
      caller('ana'),
    );
    expect(ok).toMatchObject({ anchor: { kind: 'text', field: 'code' } });
    doc.getText('code').insert(0, '>> ');
    const { comments } = (await service.handle('comments', {}, caller('ana'))) as {
      comments: { range: unknown }[];
    };
    expect(comments[0]!.range).toEqual({ start: 3, end: 8, text: 'hello' });
  });

  it('answers unknown methods and malformed params with clear errors', async () => {
    const { service } = harness('errors');
    await expect(service.handle('shout', {}, caller('ana'))).rejects.toThrow('chat has no method shout');
    await expect(service.handle('send', { text: '   ' }, caller('ana'))).rejects.toThrow(
      'invalid chat send: text: must not be empty',
    );
    await expect(service.handle('send', { text: 'x'.repeat(4001) }, caller('ana'))).rejects.toThrow(
      /at most 4000 characters/,
    );
    await expect(service.handle('edit', { id: 'not-a-uuid', text: 'x' }, caller('ana'))).rejects.toThrow(
      /id: must be a message id/,
    );
    await expect(
      service.handle('react', { id: crypto.randomUUID(), emoji: 'a b' }, caller('ana')),
    ).rejects.toThrow(/emoji/);
    await expect(
      service.handle('list', { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, caller('ana')),
    ).rejects.toThrow('from must not be after to');
    expect(((await service.handle('list', {}, caller('ana'))) as { messages: unknown[] }).messages).toEqual(
      [],
    );
  });
});
