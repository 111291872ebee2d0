/**
 * Scale-out over an in-process bus (the Redis transport has its own test in packages/app/test/cluster):
 * several engines share one store, rooms fan out between them, and every lost frame is repaired
 * from the store rather than left as divergence.
 */
import { encodeAwareness, encodeAwarenessUpdate } from '@ensemble/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MemoryUpdateStore } from '../persistence/memory-update-store.js';
import type { UpdateStore } from '../persistence/update-store.js';
import { type EngineServer, startEngineServer } from '../test-support/engine-server.js';
import { RawClient } from '../test-support/raw-client.js';
import { MemoryHub } from './bus.js';
import { Cluster } from './cluster.js';
import { decodeFrame } from './frames.js';

async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const FAST = { gapRepairMs: 100, settleMs: 50, watermarkDelayMs: 20, subscribeTimeoutMs: 500 };

describe('cluster (in-process bus)', () => {
  const closers: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  async function startNodes(
    count: number,
    store: UpdateStore = new MemoryUpdateStore(),
    limits = {},
    timings: Partial<typeof FAST> = {},
  ) {
    const hub = new MemoryHub();
    const nodes: { server: EngineServer; cluster: Cluster; bus: ReturnType<MemoryHub['connect']> }[] = [];
    for (let i = 0; i < count; i++) {
      const bus = hub.connect();
      const cluster = new Cluster({ bus, nodeId: `node${i}`, timings: { ...FAST, ...timings } });
      const server = await startEngineServer(limits, store, { cluster });
      closers.push(() => cluster.close());
      closers.push(() => server.close());
      nodes.push({ server, cluster, bus });
    }
    return { hub, nodes, store };
  }

  async function client(server: EngineServer, room: string, user = 'u'): Promise<RawClient> {
    const c = new RawClient();
    await c.connect(server.roomUrl(room, 'editor', user));
    closers.push(() => c.destroy());
    await until(() => c.synced, 'client synced');
    return c;
  }

  it('relays edits between clients on different nodes and logs each edit once', async () => {
    const { nodes, store } = await startNodes(3);
    const clients = await Promise.all(nodes.map((n, i) => client(n.server, 'doc', `u${i}`)));
    for (const [i, c] of clients.entries()) c.doc.getText('t').insert(0, `n${i};`);
    await until(() => clients.every((c) => c.doc.getText('t').length === 9), 'every client has every edit');
    const texts = clients.map((c) => c.doc.getText('t').toString());
    expect(new Set(texts).size).toBe(1);
    await until(() => clients.every((c) => c.savedEdits === 1), 'edits saved');
    // Remote updates are applied, not re-logged: three edits, three log rows.
    expect(await store.history('doc')).toHaveLength(3);
  });

  it('relays awareness across nodes, and its removal when the socket leaves', async () => {
    const { nodes } = await startNodes(2);
    const a = await client(nodes[0]!.server, 'room', 'a');
    const b = await client(nodes[1]!.server, 'room', 'b');
    const state = JSON.stringify({ user: 'a', cursor: 3 });
    a.ws!.send(encodeAwareness(encodeAwarenessUpdate([{ clientId: 4242, clock: 1, state }])));
    await until(() => b.awareness.get(4242) === state, 'b sees a’s presence');
    // A client joining node 1 later gets the remote state in its welcome frames.
    const late = await client(nodes[1]!.server, 'room', 'late');
    await until(() => late.awareness.get(4242) === state, 'late joiner sees a’s presence');
    a.destroy();
    await until(() => b.awareness.get(4242) === 'null', 'b sees a leave');
  });

  it('relays presence of y-websocket providers, which echo everyone’s states, and their leaving', async () => {
    const { nodes } = await startNodes(2);
    const provider = (server: EngineServer) => {
      const p = new WebsocketProvider(server.url, 'echo', new Y.Doc(), {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
      });
      closers.push(() => p.destroy());
      return p;
    };
    const a = provider(nodes[0]!.server);
    const b = provider(nodes[1]!.server);
    await until(() => a.synced && b.synced, 'providers synced');
    a.awareness.setLocalStateField('user', { name: 'Ada' });
    const id = a.doc.clientID;
    await until(
      () => (b.awareness.getStates().get(id) as { user?: unknown } | undefined)?.user !== undefined,
      'b sees Ada',
    );
    a.disconnect();
    await until(() => !b.awareness.getStates().has(id), 'b sees Ada leave');
  });

  it('keeps the presence of a client that moved to another node', async () => {
    const { nodes } = await startNodes(3);
    const watcher = await client(nodes[2]!.server, 'moving', 'w');
    const mover = await client(nodes[0]!.server, 'moving', 'm');
    const state = JSON.stringify({ user: 'm' });
    const announce = (c: RawClient) =>
      c.ws!.send(encodeAwareness(encodeAwarenessUpdate([{ clientId: 77, clock: 3, state }])));
    announce(mover);
    await until(() => watcher.awareness.get(77) === state, 'watcher sees the mover');
    mover.destroy();
    await until(() => watcher.awareness.get(77) === 'null', 'the old node announced the leave');
    // Same client id and clock on its new node, as a reconnecting y-websocket provider sends it.
    const moved = await client(nodes[1]!.server, 'moving', 'm');
    announce(moved);
    await until(() => watcher.awareness.get(77) === state, 'watcher sees the mover again');
  });

  it('relays service events to Ensemble clients on other nodes', async () => {
    const { nodes } = await startNodes(2);
    const b = await client(nodes[1]!.server, 'ev', 'b');
    await nodes[0]!.server.engine.call(
      'ev',
      'events',
      'publish',
      { type: 'build.progress', data: { pct: 40 } },
      { connectionId: 'rest', userId: 'ci', userName: 'CI', role: 'editor' },
    );
    await until(() => b.events.some((e) => e.service === 'events' && e.name === 'event'), 'event arrives');
    expect(b.events.find((e) => e.name === 'event')?.body).toMatchObject({ type: 'build.progress' });
    // …and the other node keeps it for late joiners.
    const recent = (await nodes[1]!.server.engine.call(
      'ev',
      'events',
      'recent',
      {},
      {
        connectionId: 'rest',
        userId: 'ci',
        userName: 'CI',
        role: 'viewer',
      },
    )) as { events: { type: string }[] };
    expect(recent.events.map((e) => e.type)).toEqual(['build.progress']);
  });

  it('repairs a dropped update from the store once the sender says it is durable', async () => {
    const { hub, nodes } = await startNodes(2);
    const a = await client(nodes[0]!.server, 'gap', 'a');
    const b = await client(nodes[1]!.server, 'gap', 'b');
    let dropped = 0;
    hub.dropWhen = (_channel, bytes, to) => {
      const frame = decodeFrame(bytes);
      if (to === nodes[1]!.bus && frame?.kind === 'update' && dropped === 0) {
        dropped++;
        return true;
      }
      return false;
    };
    a.doc.getText('t').insert(0, 'lost?');
    await until(() => dropped === 1, 'one frame dropped');
    a.doc.getText('t').insert(5, '!');
    await until(() => b.doc.getText('t').toString() === 'lost?!', 'b converges after the gap');
  });

  it('re-syncs every loaded room after a reconnect of the bus', async () => {
    // Only the reconnect can repair here: no other re-sync would fire within the test.
    const slow = { settleMs: 600_000, gapRepairMs: 600_000 };
    const { hub, nodes } = await startNodes(2, new MemoryUpdateStore(), {}, slow);
    const a = await client(nodes[0]!.server, 'outage', 'a');
    const b = await client(nodes[1]!.server, 'outage', 'b');
    hub.dropWhen = () => true; // Redis is away: nothing arrives anywhere
    a.doc.getText('t').insert(0, 'during outage');
    await until(() => a.savedEdits === 1, 'saved while the bus is down');
    expect(b.doc.getText('t').toString()).toBe('');
    hub.dropWhen = undefined;
    nodes[1]!.bus.simulateReconnect();
    await until(() => b.doc.getText('t').toString() === 'during outage', 'b converges after reconnect');
  });

  it('repairs a gap even when no watermark ever covers it (the sender went quiet or died)', async () => {
    const { hub, nodes } = await startNodes(2);
    const a = await client(nodes[0]!.server, 'quiet', 'a');
    const b = await client(nodes[1]!.server, 'quiet', 'b');
    a.doc.getText('t').insert(0, 'x');
    await until(() => b.doc.getText('t').toString() === 'x', 'first edit relayed');
    // The next update and every watermark frame are lost on their way to node 1; the update after
    // it was sent before either was durable, so it reveals the gap without covering it.
    let updates = 0;
    hub.dropWhen = (_c, bytes, to) => {
      if (to !== nodes[1]!.bus) return false;
      const frame = decodeFrame(bytes);
      if (frame?.kind === 'mark') return true;
      return frame?.kind === 'update' && ++updates === 1;
    };
    a.doc.getText('t').insert(1, 'y');
    a.doc.getText('t').insert(2, 'z');
    await until(() => b.doc.getText('t').toString() === 'xyz', 'b converges by the fallback re-sync');
  });

  it('never snapshots past an update it has not received', async () => {
    const store = new MemoryUpdateStore();
    const { hub, nodes } = await startNodes(2, store, { snapshotEvery: 2 });
    const a = await client(nodes[0]!.server, 'snap', 'a');
    const b = await client(nodes[1]!.server, 'snap', 'b');
    // Node 1 never hears from node 0, but keeps taking snapshots of its own edits.
    hub.dropWhen = (_c, _bytes, to) => to === nodes[1]!.bus;
    a.doc.getText('a').insert(0, 'from node 0');
    await until(() => a.savedEdits === 1, 'a saved');
    for (let i = 0; i < 6; i++) b.doc.getText('b').insert(0, String(i));
    await until(() => b.savedEdits === 6, 'b saved');
    await nodes[1]!.server.engine.flush();
    // A fresh load sees both nodes' edits: no snapshot claimed an update it did not contain.
    const stored = await store.load('snap');
    const fresh = new Y.Doc();
    for (const part of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates)
      Y.applyUpdate(fresh, part);
    expect(fresh.getText('a').toString()).toBe('from node 0');
    expect(fresh.getText('b').length).toBe(6);
  });

  it('unsubscribes when a room unloads', async () => {
    const { nodes } = await startNodes(1, new MemoryUpdateStore(), { idleUnloadMs: 0 });
    const a = await client(nodes[0]!.server, 'brief', 'a');
    expect(nodes[0]!.cluster.linkedRooms).toBe(1);
    a.destroy();
    await until(() => nodes[0]!.cluster.linkedRooms === 0, 'link closed');
  });
});
