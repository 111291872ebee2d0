/** The client-side logic of activity, assistant and presence status against a scripted connection. */

import type { ActivityEntry, AssistantExchange, PresenceUser } from '@ensemble/protocol';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ActivityApi } from './activity.js';
import { AssistantApi } from './assistant.js';
import { Emitter } from './emitter.js';
import { PresenceApi } from './presence.js';
import type { RoomConnection, RoomEvents, RoomStatus } from './room.js';

function fakeConnection(answers: Record<string, (params: Record<string, unknown>) => unknown>) {
  const events = new Emitter<RoomEvents>();
  const requests: { service: string; method: string; params: Record<string, unknown> }[] = [];
  let status: RoomStatus = 'connecting';
  const doc = new Y.Doc();
  const connection = {
    events,
    doc,
    awareness: { getStates: () => new Map(), setLocalState: () => undefined },
    snapshotVersion: 0,
    get status() {
      return status;
    },
    whenSynced: () => Promise.resolve(),
    request: (service: string, method: string, params: Record<string, unknown> = {}) => {
      requests.push({ service, method, params });
      const answer = answers[`${service}.${method}`];
      return answer ? Promise.resolve(answer(params)) : Promise.resolve({});
    },
  };
  const emit = (service: string, name: string, body: unknown) =>
    events.emit('service', { service, name, body });
  const setStatus = (s: RoomStatus) => {
    status = s;
    events.emit('status', s);
  };
  return { connection: connection as unknown as RoomConnection, requests, emit, setStatus };
}

const flush = () => new Promise((r) => setTimeout(r, 0));
const entry = (id: string, at: string, over: Partial<ActivityEntry> = {}): ActivityEntry => ({
  id,
  type: 'joined',
  userId: 'ana',
  userName: 'Ana',
  data: {},
  at,
  until: at,
  ...over,
});

describe('ActivityApi live store', () => {
  it('loads the newest page, adds live entries and replaces a growing one in place', async () => {
    const page = [entry('b', '2025-03-01T10:00:02Z'), entry('a', '2025-03-01T10:00:01Z')];
    const { connection, emit, requests } = fakeConnection({
      'activity.list': () => ({ entries: page, next: 'a' }),
    });
    const api = new ActivityApi(connection);
    let renders = 0;
    api.subscribe(() => renders++);
    await flush();
    expect(api.getState()).toMatchObject({ loaded: true, hasOlder: true });
    expect(api.getState().entries.map((e) => e.id)).toEqual(['b', 'a']);
    emit('activity', 'entry', entry('c', '2025-03-01T10:00:03Z', { type: 'edited', data: { edits: 1 } }));
    const before = api.getState();
    emit('activity', 'entry', entry('c', '2025-03-01T10:00:03Z', { type: 'edited', data: { edits: 7 } }));
    expect(api.getState()).not.toBe(before);
    expect(api.getState().entries.map((e) => [e.id, e.data.edits])).toEqual([
      ['c', 7],
      ['b', undefined],
      ['a', undefined],
    ]);
    expect(renders).toBeGreaterThanOrEqual(3);
    expect(requests[0]).toMatchObject({ method: 'list', params: { limit: 50 } });
  });

  it('sends dates as ISO strings', async () => {
    const { connection, requests } = fakeConnection({ 'activity.list': () => ({ entries: [], next: null }) });
    await new ActivityApi(connection).list({ since: new Date('2025-03-01T10:00:00Z'), types: ['saved'] });
    expect(requests[0]!.params).toEqual({ since: '2025-03-01T10:00:00.000Z', types: ['saved'] });
  });
});

const exchange = (id: string, askedAt: string, over: Partial<AssistantExchange> = {}): AssistantExchange => ({
  id,
  question: `q ${id}`,
  askedBy: { userId: 'ana', name: 'Ana' },
  answerer: 'facilitator',
  answer: '',
  status: 'pending',
  error: null,
  askedAt,
  answeredAt: null,
  ...over,
});

describe('AssistantApi live thread', () => {
  it('grows a pending answer from deltas and resolves waiters when it is done', async () => {
    const { connection, emit } = fakeConnection({
      'assistant.thread': () => ({ exchanges: [], next: null }),
      'assistant.ask': () => exchange('x', '2025-03-01T10:00:00Z'),
    });
    const api = new AssistantApi(connection);
    api.subscribe(() => undefined);
    await flush();
    emit('assistant', 'question', exchange('x', '2025-03-01T10:00:00Z'));
    const asked = await api.ask('q x');
    const done = api.answer(asked.id);
    emit('assistant', 'answer.delta', { id: 'x', delta: 'Hel' });
    emit('assistant', 'answer.delta', { id: 'x', delta: 'lo' });
    expect(api.getState().exchanges[0]!.answer).toBe('Hello');
    emit(
      'assistant',
      'answer.done',
      exchange('x', '2025-03-01T10:00:00Z', { answer: 'Hello', status: 'done' }),
    );
    expect(await done).toMatchObject({ status: 'done', answer: 'Hello' });
    // Deltas of a question this client never saw wait for the next thread load.
    emit('assistant', 'answer.delta', { id: 'unknown', delta: '?' });
    expect(api.getState().exchanges).toHaveLength(1);
  });

  it('keeps the thread in asking order when older pages arrive', async () => {
    const { connection } = fakeConnection({
      'assistant.thread': (p) =>
        p.before
          ? { exchanges: [exchange('a', '2025-03-01T09:00:00Z', { status: 'done' })], next: null }
          : { exchanges: [exchange('b', '2025-03-01T10:00:00Z', { status: 'done' })], next: 'b' },
    });
    const api = new AssistantApi(connection);
    await api.load();
    expect(await api.loadOlder()).toBe(true);
    expect(api.getState().exchanges.map((e) => e.id)).toEqual(['a', 'b']);
    expect(api.getState().hasOlder).toBe(false);
  });
});

describe('PresenceApi server view', () => {
  const user = (userId: string, status: PresenceUser['status']): PresenceUser => ({
    userId,
    userName: userId,
    status,
    source: 'derived',
    typing: null,
    connections: 1,
    lastActiveAt: '',
    lastEditAt: null,
  });

  it('loads the list once per connect, follows presence events and knows who you are', async () => {
    const { connection, emit, requests, setStatus } = fakeConnection({
      'presence.list': () => ({ users: [user('ana', 'idle')], you: 'ana' }),
    });
    const api = new PresenceApi(connection, 30);
    setStatus('synced');
    setStatus('saved');
    setStatus('synced');
    await flush();
    expect(requests.filter((r) => r.method === 'list')).toHaveLength(1);
    expect(api.user()?.status).toBe('idle');
    emit('presence', 'presence', { users: [user('ana', 'editing'), user('bo', 'away')] });
    expect(api.users().map((u) => u.status)).toEqual(['editing', 'away']);
    setStatus('offline');
    setStatus('synced');
    await flush();
    expect(requests.filter((r) => r.method === 'list')).toHaveLength(2);
  });

  it('rate-limits typing renewals and only stops what it started', () => {
    const { connection, requests, setStatus } = fakeConnection({});
    setStatus('synced');
    const api = new PresenceApi(connection, 30);
    api.stopTyping();
    for (let i = 0; i < 10; i++) api.typing('node:7');
    api.typing('node:8');
    api.stopTyping();
    expect(requests.filter((r) => r.method === 'typing').map((r) => r.params)).toEqual([
      { on: true, where: 'node:7' },
      { on: true, where: 'node:8' },
      { on: false },
    ]);
  });
});
