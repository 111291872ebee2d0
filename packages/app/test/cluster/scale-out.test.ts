/**
 * Issue 8 scale-out: three real `ensemble serve` processes on the machine's PostgreSQL and Redis,
 * clients spread over them as a load balancer without stickiness would. Skipped (with a message)
 * unless both REDIS_URL and DATABASE_URL are set — CI sets both.
 */
import { randomBytes } from 'node:crypto';
import { createClient, type EnsembleClient, type SocketFactory } from '@ensemble/client';
import { mintToken, PgUpdateStore } from '@ensemble/server';
import { RawClient } from '@ensemble/server/test-support';
import { openPostgres } from '@ensemble/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { isolatedDatabaseUrl, TEST_SECRET } from '../../src/test-support/node.js';
import { connectPeer, type Peer, synced, until } from '../support.js';
import {
  clusterTestsEnabled,
  DATABASE_URL,
  freePort,
  NodeProcess,
  redisAnswers,
  startRedis,
  stopRedis,
} from './processes.js';

if (!clusterTestsEnabled) {
  console.warn('skipping the scale-out tests: set REDIS_URL and DATABASE_URL (CI sets both)');
}

const roomName = (what: string) => `cluster-${what}-${randomBytes(3).toString('hex')}`;

describe.skipIf(!clusterTestsEnabled)('scale-out: three nodes on Redis + Postgres', () => {
  const nodes: NodeProcess[] = [];
  const peers: Peer[] = [];
  const clients: EnsembleClient[] = [];
  let database: { url: string; drop(): Promise<void> };

  const peer = (node: NodeProcess, room: string) => {
    const p = connectPeer(node.http, room);
    peers.push(p);
    return p;
  };
  const textsAgree = (docs: { getText(name: string): { toString(): string } }[], length?: number) => {
    const first = docs[0]!.getText('t').toString();
    return (
      (length === undefined || first.length === length) &&
      docs.every((d) => d.getText('t').toString() === first)
    );
  };

  beforeAll(async () => {
    database = await isolatedDatabaseUrl(DATABASE_URL!);
    for (let i = 0; i < 3; i++) nodes.push(new NodeProcess(await freePort(), database.url));
    // The first node migrates the fresh schema; the others start against a current one.
    await nodes[0]!.start();
    await Promise.all(nodes.slice(1).map((n) => n.start()));
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    for (const p of peers) p.destroy();
    await Promise.all(nodes.map((n) => n.stop()));
    await database?.drop().catch(() => undefined);
    // Whatever happened, leave the machine's Redis running.
    await startRedis();
  });

  it('converges clients spread over the nodes', async () => {
    const room = roomName('converge');
    const spread = nodes.flatMap((n) => [peer(n, room), peer(n, room)]);
    await Promise.all(spread.map(synced));
    // Concurrent bursts from every client, on every node.
    await Promise.all(
      spread.map(async (p, i) => {
        for (let k = 0; k < 20; k++) {
          p.doc.getText('t').insert(0, String.fromCharCode(97 + i));
          if (k % 5 === 0) await new Promise((r) => setTimeout(r, 5));
        }
      }),
    );
    await until(
      () =>
        textsAgree(
          spread.map((p) => p.doc),
          6 * 20,
        ),
      'every client has all 120 edits',
    );
    // A client arriving later on any node loads the same document.
    const late = peer(nodes[1]!, room);
    await synced(late);
    await until(() => textsAgree([spread[0]!.doc, late.doc]), 'late joiner agrees');
  });

  it('relays presence across nodes, and its removal', async () => {
    const room = roomName('presence');
    const a = peer(nodes[0]!, room);
    const b = peer(nodes[2]!, room);
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    const id = a.doc.clientID;
    await until(
      () =>
        (b.provider.awareness.getStates().get(id) as { user?: { name: string } } | undefined)?.user?.name ===
        'Ada',
      'b sees Ada',
    );
    a.provider.disconnect();
    await until(() => !b.provider.awareness.getStates().has(id), 'b sees Ada leave');
  });

  it('gives a contended lock to exactly one client across nodes', async () => {
    const room = roomName('locks');
    const rooms = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const token = await mintToken({ secret: TEST_SECRET, sub: `user-${i}`, rooms: { '*': 'editor' } });
        const client = createClient({
          url: nodes[i % 3]!.ws,
          token: token.token,
          WebSocket: WebSocket as unknown as SocketFactory,
        });
        clients.push(client);
        const r = client.room(room);
        await r.whenSynced();
        return r;
      }),
    );
    const results = await Promise.all(rooms.map((r) => r.locks.acquire('node:1', { kind: 'hard' })));
    const winners = results.filter((r) => r.granted);
    expect(winners).toHaveLength(1);
    const owner = winners[0]!.granted ? winners[0]!.lock.owner.userId : '';
    // Every node agrees on the holder.
    for (const r of rooms) {
      const locks = await r.locks.refresh();
      expect(locks.map((l) => l.owner.userId)).toEqual([owner]);
    }
  });

  it('loses no acknowledged edit when a node is killed, and clients reconnecting elsewhere converge', async () => {
    const room = roomName('kill');
    const doomed = new NodeProcess(await freePort(), database.url);
    nodes.push(doomed);
    await doomed.start();
    const reader = peer(nodes[0]!, room);
    await synced(reader);
    const writer = new RawClient();
    await writer.connect(`${doomed.ws}/${room}`);
    await until(() => writer.synced, 'writer synced');
    const text = writer.doc.getText('t');
    let i = 0;
    const typing = setInterval(() => {
      for (let k = 0; k < 3; k++) text.insert(text.length, String.fromCharCode(97 + (i++ % 26)));
    }, 5);
    try {
      await until(() => writer.savedEdits >= 150, '150 edits acknowledged', 60_000);
      await doomed.kill();
    } finally {
      clearInterval(typing);
    }
    const acked = writer.savedEdits;
    const ackedPrefix = text.toString().slice(0, acked);
    text.insert(text.length, '|after');

    // A fresh client on another node has every acknowledged edit.
    const fresh = new RawClient();
    await fresh.connect(`${nodes[1]!.ws}/${room}`);
    await until(() => fresh.synced, 'fresh synced');
    expect(fresh.doc.getText('t').toString().startsWith(ackedPrefix)).toBe(true);

    // The writer reconnects to another node: its unacknowledged edits arrive, everyone converges.
    await writer.connect(`${nodes[2]!.ws}/${room}`);
    await until(
      () =>
        textsAgree([writer.doc, fresh.doc, reader.doc]) &&
        reader.doc.getText('t').toString().endsWith('|after'),
      'all converge after the writer moved',
      30_000,
    );
    writer.destroy();
    fresh.destroy();
  });

  it('recovers from a Redis restart mid-run without divergence', async () => {
    const room = roomName('redis');
    const editors = nodes.slice(0, 3).map((n) => peer(n, room));
    await Promise.all(editors.map(synced));
    let edits = 0;
    const typing = setInterval(() => {
      for (const [k, p] of editors.entries()) {
        p.doc.getText('t').insert(0, String(k));
        edits++;
      }
    }, 20);
    try {
      await new Promise((r) => setTimeout(r, 500));
      stopRedis();
      expect(redisAnswers()).toBe(false);
      await new Promise((r) => setTimeout(r, 1_500));
      await startRedis();
      await new Promise((r) => setTimeout(r, 1_000));
    } finally {
      clearInterval(typing);
      await startRedis();
    }
    await until(
      () =>
        textsAgree(
          editors.map((p) => p.doc),
          edits,
        ),
      'convergence',
      30_000,
    ).catch(() => {
      const have = editors.map((p) => p.doc.getText('t').length).join(', ');
      throw new Error(`clients did not converge on all ${edits} edits: they have ${have}`);
    });
    // And what they agree on is what Postgres has (every node has the room loaded: read the log).
    const expected = editors[0]!.doc.getText('t').toString();
    const db = await openPostgres({ connectionString: database.url });
    try {
      let stored = '';
      for (let attempt = 0; attempt < 100 && stored !== expected; attempt++) {
        const { snapshot, updates } = await new PgUpdateStore(db).load(room);
        const doc = new Y.Doc();
        for (const part of snapshot ? [snapshot, ...updates] : updates) Y.applyUpdate(doc, part);
        stored = doc.getText('t').toString();
        if (stored !== expected) await new Promise((r) => setTimeout(r, 100));
      }
      expect(stored).toBe(expected);
    } finally {
      await db.close();
    }
  });
});
