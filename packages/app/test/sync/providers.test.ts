/**
 * Real, unmodified y-websocket providers against a real node (embedded database): convergence,
 * awareness, query-awareness, offline edits, read-only roles.
 */
import { mintToken } from '@ensemble/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnsembleNode } from '../../src/runtime/node.js';
import { startTestNode, TEST_SECRET } from '../../src/test-support/node.js';
import { connectPeer, type Peer, synced, until } from '../support.js';

describe('y-websocket providers (SPEC 2, 3)', () => {
  let node: EnsembleNode;
  const peers: Peer[] = [];
  const token = (rooms: Record<string, 'viewer' | 'commenter' | 'editor' | 'admin'>, sub = 'u') =>
    mintToken({ secret: TEST_SECRET, sub, rooms }).then((m) => m.token);
  const peer = async (room: string, role: 'viewer' | 'editor' = 'editor', sub = 'u') => {
    const p = connectPeer(node.url, room, await token({ [room]: role }, sub));
    peers.push(p);
    return p;
  };

  beforeAll(async () => {
    node = await startTestNode({ jwtSecret: TEST_SECRET });
  });
  afterAll(async () => {
    for (const p of peers) p.destroy();
    await node?.close();
  });

  it('three clients editing concurrently converge', async () => {
    const [a, b, c] = await Promise.all([peer('project:7'), peer('project:7'), peer('project:7')]);
    await Promise.all([synced(a!), synced(b!), synced(c!)]);
    for (let i = 0; i < 20; i++) {
      a!.doc.getText('code').insert(0, 'a');
      b!.doc.getText('code').insert(0, 'b');
      c!.doc.getMap('graph').set(`node:${i}`, { x: i });
    }
    await until(
      () =>
        [a, b, c].every((p) => p!.doc.getText('code').length === 40 && p!.doc.getMap('graph').size === 20),
      'all three see every edit',
    );
    const text = a!.doc.getText('code').toString();
    expect(b!.doc.getText('code').toString()).toBe(text);
    expect(c!.doc.getText('code').toString()).toBe(text);
  });

  it('a late joiner receives the whole document, loaded from storage after the room unloaded', async () => {
    const a = await peer('idea:42');
    await synced(a);
    a.doc.getText('t').insert(0, 'persisted text');
    await node.sync.flush();
    a.destroy();
    // The room may unload now or later; either way the new peer must see the text.
    const b = await peer('idea:42');
    await synced(b);
    await until(() => b.doc.getText('t').toString() === 'persisted text', 'late joiner has the text');
  });

  it('awareness appears for others and disappears on clean close and on abrupt socket destroy', async () => {
    const a = await peer('build:9', 'editor', 'ana');
    const b = await peer('build:9', 'editor', 'bo');
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalStateField('user', { name: 'Ana' });
    await until(
      () => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Ana',
      'b sees Ana',
    );

    const c = await peer('build:9', 'editor', 'cy');
    await synced(c);
    c.provider.awareness.setLocalStateField('user', { name: 'Cy' });
    await until(() => b.provider.awareness.getStates().has(c.doc.clientID), 'b sees Cy');
    // Abrupt: the TCP socket dies without a close frame.
    const raw = c.provider.ws as unknown as { _socket?: { destroy(): void } };
    c.provider.shouldConnect = false;
    raw._socket?.destroy();
    await until(
      () => !b.provider.awareness.getStates().has(c.doc.clientID),
      'Cy removed after socket destroy',
    );

    a.provider.disconnect();
    await until(() => !b.provider.awareness.getStates().has(a.doc.clientID), 'Ana removed after clean close');
  });

  it('answers query-awareness with every known state', async () => {
    const a = await peer('q:1');
    await synced(a);
    a.provider.awareness.setLocalStateField('cursor', 5);
    const { WebSocket } = await import('ws');
    const { encodeQueryAwareness, decodeMessage, decodeAwarenessUpdate } = await import('@ensemble/protocol');
    const t = await token({ 'q:1': 'viewer' });
    const ws = new WebSocket(`${node.url.replace('http', 'ws')}/sync/q:1?token=${t}`);
    const seen: number[] = [];
    ws.on('message', (data: Buffer) => {
      const m = decodeMessage(new Uint8Array(data));
      if (m.kind === 'awareness') {
        const entries = decodeAwarenessUpdate(m.update);
        if (Array.isArray(entries)) seen.push(...entries.map((e) => e.clientId));
      }
    });
    await new Promise((r) => ws.once('open', r));
    await until(() => seen.includes(a.doc.clientID), 'initial awareness includes a');
    seen.length = 0;
    ws.send(encodeQueryAwareness());
    await until(() => seen.includes(a.doc.clientID), 'query-awareness answered');
    ws.close();
  });

  it('offline edits sync on reconnect', async () => {
    const a = await peer('offline:1');
    const b = await peer('offline:1');
    await Promise.all([synced(a), synced(b)]);
    b.provider.disconnect();
    b.doc.getText('t').insert(0, 'typed while offline ');
    a.doc.getText('t').insert(0, 'online ');
    b.provider.connect();
    await until(
      () => a.doc.getText('t').toString() === b.doc.getText('t').toString() && a.doc.getText('t').length > 20,
      'offline edits merged',
    );
    expect(a.doc.getText('t').toString()).toContain('typed while offline');
  });

  it('a viewer receives the document but cannot change it (SPEC 3.4)', async () => {
    const editor = await peer('doc:ro', 'editor');
    await synced(editor);
    editor.doc.getText('t').insert(0, 'original');
    const viewer = await peer('doc:ro', 'viewer');
    await synced(viewer);
    await until(() => viewer.doc.getText('t').toString() === 'original', 'viewer sees the doc');
    viewer.doc.getText('t').insert(0, 'HACKED ');
    // The editor keeps writing; the viewer's edit never reaches it or storage.
    editor.doc.getText('t').insert(8, '!');
    await until(
      () => viewer.doc.getText('t').toString().endsWith('original!'),
      'viewer still receives edits',
    );
    await node.sync.flush();
    expect(editor.doc.getText('t').toString()).toBe('original!');
    const stored = await node.sync.readRoom('doc:ro', (doc) => doc.getText('t').toString());
    expect(stored).toBe('original!');
    expect(viewer.provider.wsconnected).toBe(true);
  });

  it('dev mode lets a client without a token join as an anonymous editor', async () => {
    const anon = connectPeer(node.url, 'open:1');
    peers.push(anon);
    await synced(anon);
    anon.doc.getText('t').insert(0, 'hi');
    let stored = '';
    async function poll() {
      stored = await node.sync.readRoom('open:1', (doc) => doc.getText('t').toString());
    }
    await poll();
    for (let i = 0; i < 200 && stored !== 'hi'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      await poll();
    }
    expect(stored).toBe('hi');
  });
});
