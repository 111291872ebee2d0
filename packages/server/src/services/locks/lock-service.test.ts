import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ServiceCaller } from '../service.js';
import { fakeRoom } from '../test-support/fake-context.js';
import { HARD_LOCK_GRACE_MS, LockService, SOFT_LOCK_TTL_MS } from './lock-service.js';

function harness() {
  const room = fakeRoom({ room: 'r', start: 1_000_000 });
  const doc = new Y.Doc();
  const service = new LockService(room.ctx, doc, undefined, room.now);
  return { service, events: room.events, advance: room.advance, doc };
}

const user = (
  id: string,
  connectionId = `c-${id}`,
  role: ServiceCaller['role'] = 'editor',
): ServiceCaller => ({
  connectionId,
  userId: id,
  userName: id.toUpperCase(),
  role,
});

describe('LockService', () => {
  it('grants one holder, denies others with the owner, and issues increasing fencing tokens', () => {
    const { service } = harness();
    const a = service.acquire({ resource: 'node:1', kind: 'hard' }, user('ana'));
    const b = service.acquire({ resource: 'node:1', kind: 'hard' }, user('bo'));
    expect(a.granted).toBe(true);
    expect(b).toMatchObject({ granted: false, heldBy: { owner: { userId: 'ana', name: 'ANA' } } });
    const c = service.acquire({ resource: 'node:2', kind: 'soft' }, user('bo'));
    expect(c.granted && a.granted && c.lock.token > a.lock.token).toBe(true);
  });

  it('expires a soft lock 8 s after the last renewal', () => {
    const { service, advance, events } = harness();
    service.acquire({ resource: 'doc', kind: 'soft' }, user('ana'));
    advance(SOFT_LOCK_TTL_MS - 1000);
    service.renew('doc', user('ana'));
    advance(SOFT_LOCK_TTL_MS - 1000);
    expect(service.list()).toHaveLength(1);
    advance(1500);
    expect(service.list()).toHaveLength(0);
    expect(events.at(-1)).toEqual({
      name: 'released',
      body: expect.objectContaining({ resource: 'doc', reason: 'expired' }),
    });
  });

  it('releases a hard lock when its owner disconnects, after a short grace, unless the owner returns', () => {
    const { service, advance } = harness();
    service.acquire({ resource: 'node:1', kind: 'hard' }, user('ana', 'c1'));
    service.onLeave(user('ana', 'c1'));
    expect(service.acquire({ resource: 'node:1', kind: 'hard' }, user('bo')).granted).toBe(false);
    advance(HARD_LOCK_GRACE_MS + 1);
    expect(service.acquire({ resource: 'node:1', kind: 'hard' }, user('bo')).granted).toBe(true);

    service.onLeave(user('bo'));
    // Same user reconnects within the grace period and keeps it.
    expect(service.acquire({ resource: 'node:1', kind: 'hard' }, user('bo', 'c-new')).granted).toBe(true);
    advance(HARD_LOCK_GRACE_MS * 3);
    expect(service.list().map((l) => l.owner.connectionId)).toEqual(['c-new']);
  });

  it('conflicts overlapping regions only', () => {
    const { service } = harness();
    const region = (x: number) => ({ x, y: 0, width: 10, height: 10 });
    expect(service.acquire({ resource: 'r1', kind: 'region', region: region(0) }, user('ana')).granted).toBe(
      true,
    );
    expect(service.acquire({ resource: 'r2', kind: 'region', region: region(5) }, user('bo')).granted).toBe(
      false,
    );
    expect(service.acquire({ resource: 'r3', kind: 'region', region: region(10) }, user('bo')).granted).toBe(
      true,
    );
  });

  it('lets only the owner or an admin release; viewers cannot lock', () => {
    const { service } = harness();
    service.acquire({ resource: 'x', kind: 'hard' }, user('ana'));
    expect(() => service.release('x', user('bo'))).toThrow(/held by ANA/);
    expect(service.release('x', user('root', 'c', 'admin'))).toBe(true);
    expect(() => service.acquire({ resource: 'y', kind: 'soft' }, user('eve', 'c', 'viewer'))).toThrow(
      /viewers/,
    );
  });

  it('vetoes another user’s update to a hard-locked node, but not the owner’s or other nodes', () => {
    const { service, doc } = harness();
    const seed = new Y.Doc();
    seed.getMap('graph').set('node:1', 1);
    seed.getMap('graph').set('node:2', 2);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(seed));
    // Each user edits a replica of the server document; allowed edits are applied on the server.
    const replica = () => {
      const r = new Y.Doc();
      Y.applyUpdate(r, Y.encodeStateAsUpdate(doc));
      return r;
    };
    const edit = (r: Y.Doc, key: string) => {
      const sv = Y.encodeStateVector(r);
      r.getMap('graph').set(key, Math.random());
      return Y.encodeStateAsUpdate(r, sv);
    };
    service.acquire({ resource: 'node:1', kind: 'hard' }, user('ana'));
    expect(service.vetoUpdate(edit(replica(), 'node:1'), user('bo'))).toMatch(/node:1 is locked by ANA/);
    const byAna = edit(replica(), 'node:1');
    expect(service.vetoUpdate(byAna, user('ana'))).toBeNull();
    Y.applyUpdate(doc, byAna);
    expect(service.vetoUpdate(edit(replica(), 'node:2'), user('bo'))).toBeNull();
    // A reconnecting client's full-state SyncStep2 (whole delete set included) is not vetoed for old deletions.
    const full = replica();
    full.getMap('graph').set('node:2', 3);
    expect(service.vetoUpdate(Y.encodeStateAsUpdate(full), user('bo'))).toBeNull();
  });
});
