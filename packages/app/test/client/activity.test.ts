/**
 * The activity stream through the SDK and REST on a real node: joined/left once per user, edits
 * coalesced, locks, saves, build events from REST, live to other clients, persisted across a restart.
 */
import type { ActivityEntry, Room } from '@ensemble/client';
import { mintToken } from '@ensemble/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnsembleNode } from '../../src/runtime/node.js';
import { json, startTestNode, TEST_SECRET, tempDir } from '../../src/test-support/node.js';
import { until } from '../support.js';
import { testClients, tokenFor } from './support.js';

const ROOM = 'act:1';

describe('activity stream', () => {
  const dataDir = tempDir('ens-activity-');
  let node: EnsembleNode;
  const clients = testClients(() => node.url);
  let adminToken: string;

  const join = (sub: string) => clients.join(sub, ROOM);
  const rest = (path: string, init: RequestInit = {}, bearer = adminToken) =>
    fetch(`${node.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', ...init.headers },
    });
  const stored = async (query = '') =>
    json<{ entries: ActivityEntry[]; next: string | null }>(
      await rest(`/api/v1/rooms/${encodeURIComponent(ROOM)}/activity?limit=100${query}`),
    );

  let ana: Room;
  let bo: Room;
  let boSaw: ActivityEntry[];

  beforeAll(async () => {
    node = await startTestNode({ jwtSecret: TEST_SECRET, dataDir });
    adminToken = await tokenFor('ci', 'admin');
    ana = await join('ana');
    const anaTab2 = await join('ana'); // a second tab: still one `joined` for Ana
    bo = await join('bo');
    boSaw = [];
    bo.activity.on((e) => boSaw.push(e));

    const graph = ana.doc.getMap('graph');
    for (let i = 0; i < 5; i++) {
      graph.set(`node:${i}`, { x: i });
      await ana.whenSaved();
    }
    expect((await ana.locks.acquire('node:1', { kind: 'hard' })).granted).toBe(true);
    await ana.locks.release('node:1');
    await ana.history.saveVersion('first draft');
    const published = await rest(`/api/v1/rooms/${encodeURIComponent(ROOM)}/events`, {
      method: 'POST',
      body: JSON.stringify({ type: 'build.completed', data: { ok: true } }),
    });
    expect(published.status).toBe(201);
    anaTab2.leave();
    await until(() => boSaw.some((e) => e.type === 'build'), 'bo sees the build entry live');
  }, 60_000);

  afterAll(async () => {
    clients.closeAll();
    await node?.close();
  });

  it('shows every kind of entry live to other clients', () => {
    const types = new Set(boSaw.map((e) => e.type));
    for (const type of ['edited', 'locked', 'unlocked', 'saved', 'build']) expect(types).toContain(type);
    // A growing `edited` entry comes again with the same id; the store keeps one row per id.
    const edited = boSaw.filter((e) => e.type === 'edited');
    expect(new Set(edited.map((e) => e.id)).size).toBe(1);
  });

  it('lists the stream through the SDK, with one joined per user and edits coalesced', async () => {
    const { entries } = await ana.activity.list({ limit: 100 });
    const oldestFirst = [...entries].reverse();
    expect(oldestFirst.filter((e) => e.type === 'joined').map((e) => e.userName)).toEqual(['ANA', 'BO']);
    const edits = oldestFirst.filter((e) => e.type === 'edited');
    expect(edits).toHaveLength(1);
    expect(edits[0]).toMatchObject({ userName: 'ANA', data: { edits: 5 } });
    expect(oldestFirst.find((e) => e.type === 'locked')).toMatchObject({
      userName: 'ANA',
      data: { resource: 'node:1', kind: 'hard' },
    });
    expect(oldestFirst.find((e) => e.type === 'unlocked')).toMatchObject({ data: { reason: 'released' } });
    expect(oldestFirst.find((e) => e.type === 'saved')).toMatchObject({ data: { name: 'first draft' } });
    expect(oldestFirst.find((e) => e.type === 'build')).toMatchObject({
      userId: 'ci',
      data: { event: 'build.completed', data: { ok: true } },
    });
    // Ana's second tab closed, her first is still open: no `left` yet.
    expect(oldestFirst.some((e) => e.type === 'left')).toBe(false);
  });

  it('filters by type and user and pages with the cursor', async () => {
    const { entries } = await bo.activity.list({ types: ['locked', 'unlocked'] });
    expect(entries.map((e) => e.type)).toEqual(['unlocked', 'locked']);
    const mine = await bo.activity.list({ userId: 'bo' });
    expect(mine.entries.map((e) => e.type)).toEqual(['joined']);
    const first = await bo.activity.list({ limit: 2 });
    const second = await bo.activity.list({ limit: 2, before: first.next! });
    const all = await bo.activity.list({ limit: 4 });
    expect([...first.entries, ...second.entries].map((e) => e.id)).toEqual(all.entries.map((e) => e.id));
  });

  it('keeps a live store for hooks', async () => {
    await bo.activity.load();
    const state = bo.activity.getState();
    expect(state.loaded).toBe(true);
    expect(state.entries[0]!.type).toBe('build');
  });

  it('summarizes per user', async () => {
    const summary = await bo.activity.summary(5 * 60_000);
    expect(summary.users.find((u) => u.userId === 'ana')).toMatchObject({
      edits: 5,
      saves: 1,
      text: 'ANA: 5 edits, 1 version saved, 1 lock in the last 5 min',
    });
    const viaRest = await json<{ text: string }>(
      await rest(`/api/v1/rooms/${encodeURIComponent(ROOM)}/activity/summary?windowMs=300000`),
    );
    expect(viaRest.text).toContain('ANA: 5 edits');
  });

  it('refuses bad REST queries and unknown callers, and says so', async () => {
    const noAuth = await fetch(`${node.url}/api/v1/rooms/${encodeURIComponent(ROOM)}/activity`);
    expect(noAuth.status).toBe(401);
    const badTime = await rest(`/api/v1/rooms/${encodeURIComponent(ROOM)}/activity?since=yesterday`);
    expect(badTime.status).toBe(400);
    const badCursor = await rest(`/api/v1/rooms/${encodeURIComponent(ROOM)}/activity?before=nope`);
    expect(badCursor.status).toBe(404);
    expect((await json<{ error: { message: string } }>(badCursor)).error.message).toMatch(
      /no activity entry nope/,
    );
    const outsider = await mintToken({ secret: TEST_SECRET, sub: 'eve', rooms: { 'other:*': 'admin' } });
    expect(
      (await rest(`/api/v1/rooms/${encodeURIComponent(ROOM)}/activity`, {}, outsider.token)).status,
    ).toBe(403);
  });

  it('keeps everything across a clean restart, including the left entries of the shutdown', async () => {
    clients.closeAll();
    await node.close();
    node = await startTestNode({ jwtSecret: TEST_SECRET, dataDir });
    const { entries } = await stored();
    const types = [...entries].reverse().map((e) => `${e.type}:${e.userName}`);
    expect(types).toEqual(
      expect.arrayContaining([
        'joined:ANA',
        'joined:BO',
        'edited:ANA',
        'locked:ANA',
        'unlocked:ANA',
        'saved:ANA',
        'build:CI',
        'left:ANA',
        'left:BO',
      ]),
    );
    expect(entries.filter((e) => e.type === 'left')).toHaveLength(2);
    const filtered = await stored('&types=joined,left&userId=ana');
    expect(filtered.entries.map((e) => e.type)).toEqual(['left', 'joined']);
  }, 60_000);
});
