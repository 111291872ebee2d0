/** REST for integrations (issue 3 §7): same roles, same log, live broadcast to sockets. */
import { mintToken } from '@ensemble/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { EnsembleNode } from '../../src/runtime/node.js';
import { startTestNode, TEST_SECRET } from '../../src/test-support/node.js';
import { connectPeer, type Peer, synced, until } from '../support.js';

describe('rooms REST API', () => {
  let node: EnsembleNode;
  let editor: string;
  let viewer: string;
  const peers: Peer[] = [];
  const api = (path: string, token: string, init: RequestInit = {}) =>
    fetch(`${node.url}/api/v1${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string> | undefined) },
    });

  beforeAll(async () => {
    node = await startTestNode({ jwtSecret: TEST_SECRET });
    editor = (await mintToken({ secret: TEST_SECRET, sub: 'bot', rooms: { 'project:*': 'editor' } })).token;
    viewer = (await mintToken({ secret: TEST_SECRET, sub: 'eve', rooms: { 'project:*': 'viewer' } })).token;
  });
  afterAll(async () => {
    for (const p of peers) p.destroy();
    await node?.close();
  });

  it('edits text by index, broadcasts live to sockets, and serves JSON and binary state', async () => {
    const peer = connectPeer(node.url, 'project:rest', editor);
    peers.push(peer);
    await synced(peer);
    const response = await api('/rooms/project%3Arest/text/readme', editor, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ops: [
          { index: 0, insert: 'Hello world' },
          { index: 5, delete: 6 },
          { index: 5, insert: ', bots' },
        ],
      }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ text: 'Hello, bots' });
    await until(
      () => peer.doc.getText('readme').toString() === 'Hello, bots',
      'socket client sees the REST edit',
    );

    peer.doc.getMap('graph').set('node:1', { label: 'start' });
    // The socket edit reaches the server asynchronously; poll the JSON view until it shows up.
    let json: Record<string, unknown> = {};
    for (let i = 0; i < 250 && !json.graph; i++) {
      json = (await (await api('/rooms/project%3Arest/json', viewer)).json()) as Record<string, unknown>;
      if (!json.graph) await new Promise((r) => setTimeout(r, 20));
    }
    expect(json).toEqual({ readme: 'Hello, bots', graph: { 'node:1': { label: 'start' } } });

    const binary = await api('/rooms/project%3Arest/update', viewer);
    expect(binary.headers.get('content-type')).toBe('application/octet-stream');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(await binary.arrayBuffer()));
    expect(doc.getText('readme').toString()).toBe('Hello, bots');
  });

  it('applies a binary update that reaches sockets and the log', async () => {
    const peer = connectPeer(node.url, 'project:bin', editor);
    peers.push(peer);
    await synced(peer);
    const source = new Y.Doc();
    source.getText('t').insert(0, 'from a script');
    const response = await api('/rooms/project%3Abin/update', editor, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from(Y.encodeStateAsUpdate(source)),
    });
    expect(await response.json()).toEqual({ applied: true });
    await until(() => peer.doc.getText('t').toString() === 'from a script', 'socket sees binary update');
    const again = await api('/rooms/project%3Abin/update', editor, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from(Y.encodeStateAsUpdate(source)),
    });
    expect(await again.json()).toEqual({ applied: false });
    const meta = await (await api('/rooms/project%3Abin', viewer)).json();
    expect(meta).toMatchObject({
      name: 'project:bin',
      role: 'viewer',
      loaded: true,
      connections: 1,
      updates: 1,
    });
    const list = (await (await api('/rooms', viewer)).json()) as { rooms: { name: string }[] };
    expect(list.rooms.map((r) => r.name)).toContain('project:bin');
  });

  it('honours roles and rejects bad input without changing the room', async () => {
    const denied = await api('/rooms/project%3Arest/text/readme', viewer, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ops: [{ index: 0, insert: 'x' }] }),
    });
    expect(denied.status).toBe(403);
    const outOfRange = await api('/rooms/project%3Arest/text/readme', editor, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ops: [
          { index: 0, insert: 'ok' },
          { index: 999, insert: 'x' },
        ],
      }),
    });
    expect(outOfRange.status).toBe(400);
    expect(((await outOfRange.json()) as { error: { message: string } }).error.message).toMatch(/ops\[1\]/);
    const garbage = await api('/rooms/project%3Arest/update', editor, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from([1, 2, 3, 4, 5]),
    });
    expect(garbage.status).toBe(400);
    const json = (await (await api('/rooms/project%3Arest/json', viewer)).json()) as { readme: string };
    expect(json.readme).toBe('Hello, bots');
    expect((await api('/rooms/elsewhere', editor)).status).toBe(403);
  });
});
