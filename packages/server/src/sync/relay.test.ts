import { decodeMessage, ExtensionType, encodeExtension, SyncStep } from '@ensemble/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { RoomService, ServiceFactory } from '../services/service.js';
import { type EngineServer, startEngineServer } from '../test-support/engine-server.js';
import { RawClient } from '../test-support/raw-client.js';

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Counts the sync Update frames a client receives. */
function countUpdates(client: RawClient): { frames: number } {
  const counter = { frames: 0 };
  client.ws?.on('message', (data: Buffer) => {
    const m = decodeMessage(new Uint8Array(data));
    if (m.kind === 'sync' && m.step === SyncStep.Update) counter.frames++;
  });
  return counter;
}

/** A service that changes the document and then announces it, like studio.select does. */
const writer: ServiceFactory = (ctx) => {
  const service: RoomService = {
    name: 'writer',
    async handle(_method, params) {
      const text = (params as { text: string }).text;
      await ctx.mutate('server', (doc) => doc.getText('t').insert(0, text));
      ctx.broadcast('written', { text });
      return { ok: true };
    },
  };
  return service;
};

describe('update relay in a live room (SPEC 3.3a)', () => {
  let server: EngineServer;
  const clients: RawClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.close();
  });
  const client = async (room: string) => {
    const c = new RawClient();
    clients.push(c);
    await c.connect(server.roomUrl(room));
    await until(() => c.synced, 'synced');
    return c;
  };

  it('batches a busy room into fewer frames and every client still converges', async () => {
    // 5 sockets at 100 frames/s → at most one relay per 50 ms.
    server = await startEngineServer({ relayFramesPerSecond: 100, maxBatchDelayMs: 50 });
    const writers = await Promise.all([1, 2, 3, 4].map(() => client('busy')));
    const observer = await client('busy');
    const received = countUpdates(observer);
    for (let round = 0; round < 25; round++) {
      for (const w of writers) w.doc.getText('t').insert(0, 'x');
      await new Promise((r) => setTimeout(r, 2));
    }
    const typed = 25 * writers.length;
    await until(
      () => [...writers, observer].every((c) => c.doc.getText('t').length === typed),
      'every client has every edit',
    );
    const reference = observer.doc.getText('t').toString();
    for (const w of writers) expect(w.doc.getText('t').toString()).toBe(reference);
    // 100 updates went out from the writers; batching must have merged them into far fewer frames.
    expect(received.frames).toBeGreaterThan(0);
    expect(received.frames).toBeLessThan(typed / 2);
  });

  it('never lets an event overtake the document change made before it', async () => {
    // A long batching delay: without the flush-before-send rule the event would arrive first.
    server = await startEngineServer({ relayFramesPerSecond: 1, maxBatchDelayMs: 500 }, undefined, {
      extraServices: [writer],
    });
    const caller = await client('ordered');
    const watcher = await client('ordered');
    // Prime the relay so that the next update falls inside a batching interval.
    caller.doc.getText('t').insert(0, 'prime ');
    await until(() => watcher.doc.getText('t').toString() === 'prime ', 'prime relayed');
    const seenAtEvent: string[] = [];
    watcher.ws?.on('message', () => {
      const event = watcher.events.find((e) => e.service === 'writer' && e.name === 'written');
      if (event && seenAtEvent.length === 0) seenAtEvent.push(watcher.doc.getText('t').toString());
    });
    caller.ws?.send(
      encodeExtension({
        type: ExtensionType.Request,
        id: 1,
        service: 'writer',
        method: 'write',
        params: JSON.stringify({ text: 'server ' }),
      }),
    );
    await until(() => seenAtEvent.length === 1, 'event received');
    expect(seenAtEvent[0]).toBe('server prime ');
  });
});
