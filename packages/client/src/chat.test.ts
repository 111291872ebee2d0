/** ChatApi's client-side logic against a scripted connection: typing renewals and the live store. */

import type { ChatMessage } from '@ensemble/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { ChatApi } from './chat.js';
import { Emitter } from './emitter.js';
import type { RoomConnection, RoomEvents } from './room.js';

let seq = 0;
const msg = (over: Partial<ChatMessage> = {}): ChatMessage => {
  seq++;
  return {
    id: `m${seq}`,
    seq,
    userId: 'bo',
    userName: 'Bo',
    text: `text ${seq}`,
    parentId: null,
    anchor: null,
    createdAt: new Date(seq * 1000).toISOString(),
    editedAt: null,
    deletedAt: null,
    deletedBy: null,
    resolvedAt: null,
    resolvedBy: null,
    reactions: [],
    replyCount: 0,
    ...over,
  };
};

/** A connection whose server answers come from `answers`; every request is recorded. */
function fakeConnection(answers: Record<string, (params: Record<string, unknown>) => unknown>) {
  const events = new Emitter<RoomEvents>();
  const requests: { method: string; params: Record<string, unknown> }[] = [];
  const connection = {
    events,
    doc: new Y.Doc(),
    whenSynced: () => Promise.resolve(),
    request: (_service: string, method: string, params: Record<string, unknown> = {}) => {
      requests.push({ method, params });
      const answer = answers[method];
      return answer ? Promise.resolve(answer(params)) : Promise.resolve({});
    },
  };
  const emit = (name: string, body: unknown) => events.emit('service', { service: 'chat', name, body });
  return { connection: connection as unknown as RoomConnection, requests, emit, events };
}

const serverState = (page: ChatMessage[], nextBefore: string | null = null) => ({
  list: () => ({ messages: [...page].reverse(), nextBefore }),
  typingNow: () => ({ typing: [] }),
  reads: () => ({ reads: [] }),
  unread: () => ({ count: 0, lastRead: null, userId: 'ana' }),
});

describe('ChatApi', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-22T10:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('renews typing at most every 2 s and sends false only after true', () => {
    const { connection, requests } = fakeConnection({});
    const chat = new ChatApi(connection);
    chat.typing(false);
    for (let i = 0; i < 10; i++) chat.typing(true);
    vi.advanceTimersByTime(1_999);
    chat.typing(true);
    vi.advanceTimersByTime(1);
    chat.typing(true);
    chat.typing(false);
    chat.typing(false);
    expect(requests.map((r) => r.params.typing)).toEqual([true, true, false]);
  });

  it('loads on first subscribe, then follows live events with stable snapshots', async () => {
    const first = msg();
    const { connection, emit } = fakeConnection(serverState([first]));
    const chat = new ChatApi(connection);
    let notified = 0;
    chat.subscribe(() => notified++);
    await vi.waitFor(() => expect(chat.getState().loaded).toBe(true));
    const loaded = chat.getState();
    expect(chat.getState()).toBe(loaded);
    expect(loaded.messages.map((m) => m.id)).toEqual([first.id]);

    const mine = msg({ userId: 'ana' });
    const theirs = msg();
    emit('message', mine);
    emit('message', theirs);
    emit('message', theirs);
    expect(chat.getState().messages.map((m) => m.id)).toEqual([first.id, mine.id, theirs.id]);
    expect(chat.getState().unread).toBe(1);

    emit('message', msg({ parentId: first.id }));
    emit('message', msg({ anchor: { kind: 'node', id: 'n' } }));
    expect(chat.getState().messages).toHaveLength(3);
    expect(chat.getState().messages[0]!.replyCount).toBe(1);

    emit('edited', { ...theirs, text: 'edited' });
    emit('reaction', { id: mine.id, reactions: [{ emoji: '👍', count: 1, users: [] }] });
    emit('deleted', { id: first.id, message: { ...first, text: '', deletedAt: 'now' } });
    emit('typing', { userId: 'bo', name: 'Bo', typing: true });
    const state = chat.getState();
    expect(state.messages.map((m) => m.text)).toEqual(['', mine.text, 'edited']);
    expect(state.messages[1]!.reactions[0]!.count).toBe(1);
    expect(state.typing).toEqual([{ userId: 'bo', name: 'Bo' }]);
    emit('typing', { userId: 'bo', name: 'Bo', typing: false });
    expect(chat.getState().typing).toEqual([]);
    expect(notified).toBeGreaterThan(5);
    expect(loaded.messages).toHaveLength(1);
  });

  it('after a reconnect, starts over from the newest page when it does not reach what was loaded', async () => {
    const old = msg();
    const answers = serverState([old]);
    const { connection, events } = fakeConnection(answers);
    const chat = new ChatApi(connection);
    await chat.load();
    const missed = Array.from({ length: 3 }, () => msg());
    answers.list = () => ({ messages: [...missed].reverse(), nextBefore: missed[0]!.id });
    events.emit('status', 'synced');
    await vi.waitFor(() =>
      expect(chat.getState().messages.map((m) => m.id)).toEqual(missed.map((m) => m.id)),
    );
    expect(chat.getState().hasOlder).toBe(true);
  });

  it('makes text anchors that resolve in the local document', () => {
    const { connection } = fakeConnection({});
    const chat = new ChatApi(connection);
    connection.doc.getText('code').insert(0, 'hello world');
    const anchor = chat.textAnchor('code', 6, 11);
    connection.doc.getText('code').insert(0, '>> ');
    connection.doc.getText('code').insert(14, '!');
    expect(chat.resolveAnchor(anchor)).toEqual({ start: 9, end: 14, text: 'world' });
    expect(chat.resolveAnchor(chat.nodeAnchor('node:1'))).toBeNull();
    expect(() => chat.textAnchor('code', 3, 99)).toThrow(RangeError);
  });
});
