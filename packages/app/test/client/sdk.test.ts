/** The client SDK against a real node: status, presence, locks (contention, release, enforcement), events. */
import type { Room } from '@ensemble/client';
import { mintToken } from '@ensemble/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnsembleNode } from '../../src/runtime/node.js';
import { startTestNode, TEST_SECRET } from '../../src/test-support/node.js';
import { until } from '../support.js';
import { testClients } from './support.js';

describe('client SDK', () => {
  let node: EnsembleNode;
  const clients = testClients(() => node.url);

  const { join } = clients;

  beforeAll(async () => {
    node = await startTestNode({ jwtSecret: TEST_SECRET });
  });
  afterAll(async () => {
    clients.closeAll();
    await node?.close();
  });

  it('reports connecting → synced → saved and converges', async () => {
    const a = await join('ana', 'sdk:status');
    const b = await join('bo', 'sdk:status');
    const statuses: string[] = [];
    a.subscribe(() => statuses.push(a.status));
    a.doc.getText('t').insert(0, 'hello');
    expect(a.status).toBe('synced');
    await a.whenSaved();
    expect(a.status).toBe('saved');
    await until(() => b.doc.getText('t').toString() === 'hello', 'b converges');
  });

  it('shows presence of others, throttled but exact at the end', async () => {
    const a = await join('ana', 'sdk:presence');
    const b = await join('bo', 'sdk:presence');
    for (let x = 0; x <= 100; x++) a.presence.set({ user: { name: 'Ana' }, cursor: { x, y: 0 } });
    await until(
      () => b.presence.others().some((o) => (o.presence.cursor as { x: number } | undefined)?.x === 100),
      'b sees the final cursor position',
    );
    expect(b.presence.others()).toHaveLength(1);
  });

  it('gives a contested hard lock to exactly one of many racing clients, with increasing fencing tokens', async () => {
    const rooms: Room[] = [];
    for (let i = 0; i < 8; i++) rooms.push(await join(`racer${i}`, 'sdk:locks'));
    const results = await Promise.all(rooms.map((r) => r.locks.acquire('node:1', { kind: 'hard' })));
    const winners = results.filter((r) => r.granted);
    expect(winners).toHaveLength(1);
    const winner = winners[0]!;
    if (!winner.granted) throw new Error('unreachable');
    for (const r of results) {
      if (!r.granted) expect(r.heldBy.owner.userId).toBe(winner.lock.owner.userId);
    }
    // Everyone's lock table learns about it.
    await until(
      () => rooms.every((r) => r.locks.get('node:1')?.token === winner.lock.token),
      'all see the lock',
    );

    // The owner disconnects: the lock is released within the grace period and can be taken again.
    const ownerIndex = results.indexOf(winner);
    rooms[ownerIndex]!.leave();
    const other = rooms[(ownerIndex + 1) % rooms.length]!;
    await until(() => other.locks.get('node:1') === undefined, 'lock released after the owner left', 10_000);
    const again = await other.locks.acquire('node:1', { kind: 'hard' });
    expect(again.granted && again.lock.token > winner.lock.token).toBe(true);
  });

  it('enforces hard locks on the document: another user’s edit is refused and their copy resyncs', async () => {
    const ana = await join('ana', 'sdk:enforce');
    const bo = await join('bo', 'sdk:enforce');
    ana.doc.getMap('graph').set('node:1', 'ana-v1');
    ana.doc.getMap('graph').set('node:2', 'shared');
    await ana.whenSaved();
    await until(() => bo.doc.getMap('graph').get('node:1') === 'ana-v1', 'bo synced');
    expect((await ana.locks.acquire('node:1', { kind: 'hard' })).granted).toBe(true);

    const rejected = new Promise<{ code: string; message: string }>((resolve) =>
      bo.connection.events.on('rejected', resolve),
    );
    bo.doc.getMap('graph').set('node:1', 'bo-overwrite');
    const notice = await rejected;
    expect(notice.code).toBe('ENSEMBLE_LOCKED');
    expect(notice.message).toMatch(/node:1 is locked by ANA/);
    await bo.whenSynced();
    await until(() => bo.doc.getMap('graph').get('node:1') === 'ana-v1', 'bo is back in line');
    expect(ana.doc.getMap('graph').get('node:1')).toBe('ana-v1');

    // Unlocked parts stay editable; the owner can still edit the locked node.
    bo.doc.getMap('graph').set('node:2', 'bo-edit');
    ana.doc.getMap('graph').set('node:1', 'ana-v2');
    await until(
      () =>
        ana.doc.getMap('graph').get('node:2') === 'bo-edit' &&
        bo.doc.getMap('graph').get('node:1') === 'ana-v2',
      'allowed edits flow both ways',
    );
    await node.sync.flush();
    const stored = await node.sync.readRoom('sdk:enforce', (doc) => doc.getMap('graph').toJSON());
    expect(stored).toEqual({ 'node:1': 'ana-v2', 'node:2': 'bo-edit' });
  });

  it('delivers events from REST and clients live, and keeps recent ones for late joiners', async () => {
    const watcher = await join('watcher', 'build:9');
    const seen: string[] = [];
    watcher.events.on('build.*', (e) => seen.push(`${e.type}:${JSON.stringify(e.data)}`));
    const { token } = await mintToken({ secret: TEST_SECRET, sub: 'ci', rooms: { 'build:*': 'editor' } });
    for (const [type, data] of [
      ['build.started', { sha: 'abc' }],
      ['build.progress', { pct: 50 }],
      ['build.completed', { ok: true }],
    ] as const) {
      const response = await fetch(`${node.url}/api/v1/rooms/build%3A9/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type, data }),
      });
      expect(response.status).toBe(201);
    }
    await until(() => seen.length === 3, 'three build events delivered live');
    expect(seen[1]).toBe('build.progress:{"pct":50}');

    await watcher.events.publish('deployment.started', { env: 'prod' });
    const late = await join('late', 'build:9');
    const recent = await late.events.recent(['build.*']);
    expect(recent.map((e) => e.type)).toEqual(['build.started', 'build.progress', 'build.completed']);
    expect((await late.events.recent()).at(-1)?.type).toBe('deployment.started');

    const viewer = await join('eve', 'build:9', 'viewer');
    await expect(viewer.events.publish('build.hack')).rejects.toMatchObject({ code: 'ENSEMBLE_FORBIDDEN' });
    await expect(watcher.events.publish('Not A Type')).rejects.toMatchObject({
      code: 'ENSEMBLE_BAD_REQUEST',
    });
  });

  it('refuses a malformed lock request with a coded error and keeps the socket', async () => {
    const a = await join('ana', 'sdk:bad');
    await expect(a.locks.acquire('')).rejects.toMatchObject({ code: 'ENSEMBLE_BAD_REQUEST' });
    await expect(a.connection.request('nope', 'x')).rejects.toMatchObject({ code: 'ENSEMBLE_NOT_FOUND' });
    a.doc.getText('t').insert(0, 'still connected');
    await a.whenSaved();
    expect(a.status).toBe('saved');
  });
});
