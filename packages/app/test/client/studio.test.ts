/**
 * The Studio helpers against a real node: attributed state (selection, timeline, console) is written
 * by the server's `studio` service in the caller's name, and a client cannot forge it.
 */
import { createStudio, SELECTION_ROOT } from '@ensemble/client/studio';
import { mintToken, type Role } from '@ensemble/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnsembleNode } from '../../src/runtime/node.js';
import { startTestNode, TEST_SECRET } from '../../src/test-support/node.js';
import { until } from '../support.js';
import { testClients } from './support.js';

describe('Studio helpers + studio service', () => {
  let node: EnsembleNode;
  const clients = testClients(() => node.url);

  const join = async (sub: string, room: string, role: Role = 'editor') => {
    const r = await clients.join(sub, room, role);
    return { room: r, studio: createStudio(r) };
  };

  beforeAll(async () => {
    node = await startTestNode({ jwtSecret: TEST_SECRET });
  });
  afterAll(async () => {
    clients.closeAll();
    await node?.close();
  });

  it('stamps selection, scrubs and console lines with the authenticated caller', async () => {
    const ana = await join('ana', 'studio:attrib');
    const bo = await join('bo', 'studio:attrib');

    const selection = await ana.studio.select('cube');
    expect(selection.by).toEqual({ userId: 'ana', name: 'ANA' });
    await until(() => bo.studio.selection()?.objectId === 'cube', 'bo sees the selection');
    expect(bo.studio.selection()?.by).toEqual({ userId: 'ana', name: 'ANA' });

    bo.studio.scrub(3.25);
    await until(() => ana.studio.timeline().time === 3.25, 'ana sees the scrub');
    expect(ana.studio.timeline()).toMatchObject({ playing: false, by: { userId: 'bo', name: 'BO' } });
    await ana.studio.setPlaying(true, 4);
    await until(() => bo.studio.timeline().playing, 'bo sees playback');
    expect(bo.studio.timeline()).toMatchObject({ time: 4, by: { userId: 'ana' } });

    await ana.studio.log('warn', 'shader took 40 ms');
    await bo.studio.log('error', 'missing texture');
    await until(() => ana.studio.consoleLines().length === 2, 'ana sees both lines');
    expect(ana.studio.consoleLines().map((l) => [l.level, l.text, l.by.name])).toEqual([
      ['warn', 'shader took 40 ms', 'ANA'],
      ['error', 'missing texture', 'BO'],
    ]);
    expect(await bo.studio.clearConsole()).toEqual({ cleared: 2 });
    await until(() => ana.studio.consoleLines().length === 0, 'ana sees the console cleared');

    expect(await ana.studio.members()).toEqual([
      { userId: 'ana', name: 'ANA', connections: 1 },
      { userId: 'bo', name: 'BO', connections: 1 },
    ]);

    // The Studio room list says who is inside; rooms the caller has no grant for are not listed.
    const list = async (rooms: Record<string, 'viewer' | 'editor'>) => {
      const { token } = await mintToken({ secret: TEST_SECRET, sub: 'lister', rooms });
      const response = await fetch(`${node.url}/api/v1/studio/rooms`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { rooms: { room: string; name: string; members: unknown[] }[] })
        .rooms;
    };
    const rooms = await list({ 'studio:*': 'viewer' });
    expect(rooms.find((r) => r.room === 'studio:attrib')).toMatchObject({
      name: 'attrib',
      members: [
        { userId: 'ana', name: 'ANA', connections: 1 },
        { userId: 'bo', name: 'BO', connections: 1 },
      ],
    });
    expect(await list({ 'studio:other': 'viewer' })).toEqual([]);
    expect((await fetch(`${node.url}/api/v1/studio/rooms`)).status).toBe(401);
  });

  it('refuses a client that writes attributed state itself: nobody else ever sees the forgery', async () => {
    const ana = await join('ana', 'studio:forge');
    const mallory = await join('mallory', 'studio:forge');
    await ana.studio.select('light');
    await until(() => mallory.studio.selection()?.objectId === 'light', 'mallory synced');

    const rejected = new Promise<{ code: string; message: string }>((resolve) =>
      mallory.room.connection.events.on('rejected', resolve),
    );
    mallory.room.doc
      .getMap(SELECTION_ROOT)
      .set('active', { objectId: 'cube', by: { userId: 'ana', name: 'ANA' }, at: new Date().toISOString() });
    const notice = await rejected;
    expect(notice.code).toBe('ENSEMBLE_LOCKED');
    expect(notice.message).toMatch(/studio\.selection is written by the server/);
    await mallory.room.whenSynced();
    await until(() => mallory.studio.selection()?.objectId === 'light', 'mallory is back in line');

    // The service ignores nothing silently: a `by` parameter is a bad request.
    await expect(
      mallory.room.connection.request('studio', 'select', { objectId: 'cube', by: { userId: 'ana' } }),
    ).rejects.toMatchObject({ code: 'ENSEMBLE_BAD_REQUEST' });

    await node.sync.flush();
    const stored = await node.sync.readRoom('studio:forge', (doc) => doc.getMap(SELECTION_ROOT).toJSON());
    expect(stored.active).toMatchObject({ objectId: 'light', by: { userId: 'ana', name: 'ANA' } });
    expect(ana.studio.selection()).toMatchObject({ objectId: 'light', by: { userId: 'ana' } });
  });

  it('rejects bad input and readers with a clear error, and changes nothing', async () => {
    const ana = await join('ana', 'studio:bad');
    const vic = await join('vic', 'studio:bad', 'viewer');
    const before = await node.sync.readRoom('studio:bad', (doc) => JSON.stringify(doc.toJSON()));
    const request = (method: string, params: unknown, room = ana.room) =>
      room.connection.request('studio', method, params);
    await expect(request('scrub', { time: -1 })).rejects.toMatchObject({
      code: 'ENSEMBLE_BAD_REQUEST',
      message: expect.stringMatching(/invalid studio\.scrub request: time/),
    });
    await expect(request('log', { level: 'fatal', text: 'x' })).rejects.toMatchObject({
      code: 'ENSEMBLE_BAD_REQUEST',
    });
    await expect(request('log', { level: 'log', text: '' })).rejects.toMatchObject({
      code: 'ENSEMBLE_BAD_REQUEST',
    });
    await expect(request('teleport', {})).rejects.toThrow(/studio has no method teleport/);
    await expect(vic.studio.select('cube')).rejects.toMatchObject({ code: 'ENSEMBLE_FORBIDDEN' });
    expect(await vic.studio.members()).toHaveLength(2);
    await node.sync.flush();
    expect(await node.sync.readRoom('studio:bad', (doc) => JSON.stringify(doc.toJSON()))).toBe(before);
    // Still serving.
    expect((await ana.studio.select(null)).objectId).toBeNull();
  });

  it('graph edits through the helpers respect hard locks held by someone else', async () => {
    const ana = await join('ana', 'studio:locks');
    const bo = await join('bo', 'studio:locks');
    ana.studio.graph.addNode({ id: 'n1', type: 'print', title: 'Print', x: 0, y: 0 });
    await ana.room.whenSaved();
    await until(() => bo.studio.graph.node('n1') !== undefined, 'bo sees the node');
    expect((await ana.room.locks.acquire('node:n1', { kind: 'hard' })).granted).toBe(true);

    const rejected = new Promise((resolve) => bo.room.connection.events.on('rejected', resolve));
    bo.studio.graph.renameNode('n1', 'Hijacked');
    await rejected;
    await bo.room.whenSynced();
    await until(() => bo.studio.graph.node('n1')?.title === 'Print', 'bo is back in line');

    // The owner can still move it, and a drag settles exactly at the end.
    for (let i = 1; i <= 30; i++) ana.studio.drag(ana.studio.graph, 'n1', i * 10, i);
    ana.studio.endDrag(ana.studio.graph, 'n1', 333, 44);
    await until(
      () => bo.studio.graph.node('n1')?.x === 333 && bo.studio.graph.node('n1')?.y === 44,
      'bo sees the drop',
    );
  });
});
