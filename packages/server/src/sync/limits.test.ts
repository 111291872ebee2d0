import { CloseCode, encodeAwareness, encodeSync, SyncStep } from '@ensemble/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { type EngineServer, startEngineServer } from '../test-support/engine-server.js';
import { RawClient } from '../test-support/raw-client.js';

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function closeCodeOf(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

async function open(url: string, options?: ConstructorParameters<typeof WebSocket>[2]): Promise<WebSocket> {
  const ws = new WebSocket(url, options);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return ws;
}

describe('limits and malformed input (SPEC 2.5, 3.2)', () => {
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

  it('closes an oversized frame with 4413 and leaves the others alone', async () => {
    server = await startEngineServer({ maxFrameBytes: 4096 });
    const good = await client('r');
    const bad = await open(server.roomUrl('r'));
    const code = closeCodeOf(bad);
    // Not the initial SyncStep2, so the normal frame limit applies.
    bad.send(encodeSync(SyncStep.Update, new Uint8Array(10_000)));
    expect(await code).toBe(CloseCode.MessageTooLarge);
    good.doc.getText('t').insert(0, 'still fine');
    const other = await client('r');
    await until(() => other.doc.getText('t').toString() === 'still fine', 'room keeps working');
  });

  it('allows a large initial SyncStep2 (offline edits) within its own allowance', async () => {
    server = await startEngineServer({ maxFrameBytes: 4096 });
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x'.repeat(50_000));
    const c = new RawClient(doc);
    clients.push(c);
    await c.connect(server.roomUrl('big'));
    await until(() => c.synced, 'synced');
    const reader = await client('big');
    await until(() => reader.doc.getText('t').length === 50_000, 'big initial sync applied');
  });

  it('closes a socket over its message rate with 4429; others are unaffected', async () => {
    server = await startEngineServer({ messagesPerSecond: 20 });
    const good = await client('rate');
    const flood = await open(server.roomUrl('rate'));
    const code = closeCodeOf(flood);
    const awareness = encodeAwareness(new Uint8Array([0]));
    for (let i = 0; i < 200; i++) flood.send(awareness);
    expect(await code).toBe(CloseCode.RateLimited);
    good.doc.getText('t').insert(0, 'ok');
    const other = await client('rate');
    await until(() => other.doc.getText('t').toString() === 'ok', 'room keeps working');
  });

  it.each([
    ['random bytes', new Uint8Array([0xff, 0x13, 0x07])],
    ['truncated varint', new Uint8Array([0x80])],
    ['unknown type', new Uint8Array([42])],
    ['sync update that is not a Yjs update', encodeSync(SyncStep.Update, new Uint8Array([1, 2, 3, 4, 5, 6]))],
    ['awareness that does not decode', encodeAwareness(new Uint8Array([5, 1]))],
  ])('closes on %s with 4400 and the room is unchanged', async (_name, frame) => {
    server = await startEngineServer();
    const good = await client('m');
    good.doc.getText('t').insert(0, 'intact');
    await until(() => good.savedEdits === 1, 'saved');
    const bad = await open(server.roomUrl('m'));
    const code = closeCodeOf(bad);
    bad.send(frame);
    expect(await code).toBe(CloseCode.BadRequest);
    const after = await client('m');
    await until(() => after.synced, 'synced');
    expect(after.doc.getText('t').toString()).toBe('intact');
  });

  it('closes text frames with 4400', async () => {
    server = await startEngineServer();
    const ws = await open(server.roomUrl('t'));
    const code = closeCodeOf(ws);
    ws.send('hello');
    expect(await code).toBe(CloseCode.BadRequest);
  });

  it('drops a socket that stops answering pings and removes its awareness (SPEC 3.6)', async () => {
    server = await startEngineServer({ pingIntervalMs: 100 });
    const watcher = await client('ping');
    const silent = await open(server.roomUrl('ping'), { autoPong: false });
    const closed = closeCodeOf(silent);
    const entry = new Uint8Array([1, 77, 1, ...Buffer.from([2]), ...Buffer.from('{}')]);
    // varUint(1 entry), clientId 77, clock 1, varString('{}')
    silent.send(encodeAwareness(entry));
    let seen = false;
    watcher.ws?.on('message', (data: Buffer) => {
      if (data[0] === 1) seen = true;
    });
    await until(() => seen, 'watcher saw the silent client');
    expect(server.engine.rooms()[0]?.awarenessStates).toBe(1);
    await closed;
    await until(() => server.engine.rooms()[0]?.awarenessStates === 0, 'awareness removed after missed pong');
  });

  it('refuses rooms beyond the node limit with 4503', async () => {
    server = await startEngineServer({ maxRooms: 1 });
    await client('one');
    const ws = new WebSocket(server.roomUrl('two'));
    expect(await closeCodeOf(ws)).toBe(CloseCode.RoomUnavailable);
  });

  it('acknowledges updates in order, including refused ones from a viewer', async () => {
    server = await startEngineServer();
    const editor = await client('ack');
    for (let i = 0; i < 50; i++) editor.doc.getText('t').insert(0, 'x');
    await until(() => editor.savedEdits === 50, 'all 50 acknowledged');
    const viewer = new RawClient();
    clients.push(viewer);
    await viewer.connect(server.roomUrl('ack', 'viewer'));
    await until(() => viewer.synced, 'viewer synced');
    // Its sync answer (SyncStep2 of an empty doc) is not an edit: acknowledged without a notice.
    await until(() => viewer.savedUpTo === 1, 'sync answer acknowledged');
    expect(viewer.notices).toEqual([]);
    viewer.doc.getText('t').insert(0, 'nope');
    await until(() => viewer.savedEdits === 1, 'refused edit acknowledged');
    expect(viewer.notices.map((n) => n.code)).toEqual(['ENSEMBLE_FORBIDDEN']);
    expect(viewer.role).toBe('viewer');
    const fresh = await client('ack');
    await until(() => fresh.doc.getText('t').length === 50, 'only the editor’s edits');
  });
});
