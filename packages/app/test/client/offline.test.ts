/**
 * Offline rooms through the SDK on a real node: a device copy (here in memory, in browsers
 * IndexedDB — see e2e/offline.e2e.ts) keeps edits made without a connection across a "reload" and
 * hands them to the server on the next sync.
 */
import {
  createClient,
  type EnsembleClient,
  type LocalCopyFactory,
  type SocketFactory,
} from '@ensemble/client';
import { mintToken } from '@ensemble/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { EnsembleNode } from '../../src/runtime/node.js';
import { startTestNode, TEST_SECRET } from '../../src/test-support/node.js';
import { until } from '../support.js';

/** A device's storage: named lists of updates, written and read like y-indexeddb does. */
class MemoryDevice {
  readonly stores = new Map<string, Uint8Array[]>();
  open = 0;

  factory(name: string): LocalCopyFactory {
    return (doc) => {
      const device = this;
      device.open++;
      let live = true;
      const store = () => device.stores.get(name) ?? device.stores.set(name, []).get(name)!;
      const write = (update: Uint8Array, origin: unknown) => {
        if (origin !== copy) store().push(update);
      };
      const copy = {
        // Loading is asynchronous, like IndexedDB: the document may have synced already.
        whenLoaded: Promise.resolve().then(() => {
          if (!live) return;
          doc.transact(() => {
            for (const u of store()) Y.applyUpdate(doc, u);
          }, copy);
          store().push(Y.encodeStateAsUpdate(doc));
          doc.on('update', write);
        }),
        destroy: async () => {
          if (live) device.open--;
          live = false;
          doc.off('update', write);
        },
        clear: async () => {
          await copy.destroy();
          device.stores.delete(name);
        },
      };
      return copy;
    };
  }
}

/** A WebSocket that never reaches the server: the browser is offline. */
const Unreachable = class {
  binaryType = 'arraybuffer';
  readyState = 0;
  onopen: (() => void) | null = null;
  onmessage: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onclose: ((e: { code: number; reason: string }) => void) | null = null;
  constructor() {
    setTimeout(() => {
      this.readyState = 3;
      this.onerror?.();
      this.onclose?.({ code: 1006, reason: 'offline' });
    }, 0);
  }
  send() {
    throw new Error('offline');
  }
  close() {}
} as unknown as SocketFactory;

describe('offline rooms (SDK)', () => {
  let node: EnsembleNode;
  const clients: EnsembleClient[] = [];

  const connect = async (sub: string, options: { device?: MemoryDevice; offline?: boolean } = {}) => {
    const { token } = await mintToken({ secret: TEST_SECRET, sub, name: sub, rooms: { '*': 'editor' } });
    const c = createClient({
      url: `${node.url.replace('http', 'ws')}/sync`,
      token,
      WebSocket: options.offline ? Unreachable : (WebSocket as unknown as SocketFactory),
      ...(options.device ? { localCopy: (room: string) => options.device!.factory(room) } : {}),
    });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    node = await startTestNode({ jwtSecret: TEST_SECRET });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await node?.close();
  });

  it('keeps edits made offline across a reload and syncs them when back online', async () => {
    const device = new MemoryDevice();
    // Online first: the room's content reaches the device.
    const first = (await connect('ana', { device })).room('offline:1', { offline: true });
    expect(first.offline).toBe(true);
    await first.whenLocalLoaded();
    await first.whenSynced();
    first.doc.getText('t').insert(0, 'hello');
    await first.whenSaved();
    first.leave();
    expect(device.open).toBe(0);

    // Offline "page load": the stored copy is there without the server, and takes an edit.
    const offline = (await connect('ana', { device, offline: true })).room('offline:1', { offline: true });
    await offline.whenLocalLoaded();
    expect(offline.doc.getText('t').toString()).toBe('hello');
    offline.doc.getText('t').insert(5, ', offline');
    await until(() => offline.status === 'offline', 'the room knows it is offline');
    offline.leave();

    // Another reload, online again: the offline edit is still there and reaches everyone.
    const back = (await connect('ana', { device })).room('offline:1', { offline: true });
    await back.whenLocalLoaded();
    expect(back.doc.getText('t').toString()).toBe('hello, offline');
    await back.whenSynced();
    const bo = (await connect('bo')).room('offline:1');
    await bo.whenSynced();
    await until(() => bo.doc.getText('t').toString() === 'hello, offline', 'bo sees the offline edit');
    expect(bo.offline).toBe(false);
  });

  it('ignores offline: true where nothing can keep a copy (Node without a localCopy)', async () => {
    const room = (await connect('cy')).room('offline:2', { offline: true });
    expect(room.offline).toBe(false);
    await room.whenLocalLoaded();
    await room.whenSynced();
  });
});
