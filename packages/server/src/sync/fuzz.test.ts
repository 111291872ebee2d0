/**
 * Issue 3 §6: thousands of malformed frames at a live room while well-behaved clients keep editing.
 * Seeded (FC_SEED overrides; the seed is printed) so any failure replays exactly.
 */
import { encodeAwareness, encodeHello, encodeSync, MessageType, SyncStep } from '@ensemble/protocol';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { type EngineServer, startEngineServer } from '../test-support/engine-server.js';
import { RawClient } from '../test-support/raw-client.js';

const SEED = Number(process.env.FC_SEED ?? 424242);
const FRAMES = 3000;

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A valid update to mutate: real Yjs bytes make the decoder go deep before failing. */
function sampleUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'fuzz');
  doc.getMap('m').set('k', { a: [1, 2, 3] });
  return Y.encodeStateAsUpdate(doc);
}

const valid = sampleUpdate();

const frameArb: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc
    .uint8Array({ minLength: 1, maxLength: 8 })
    .map((b) => Uint8Array.from([0x80, ...b.map((x) => x | 0x80)])),
  fc
    .tuple(fc.integer({ min: 4, max: 99 }), fc.uint8Array({ maxLength: 32 }))
    .map(([t, b]) => Uint8Array.from([t, ...b])),
  fc.uint8Array({ maxLength: 48 }).map((b) => encodeSync(SyncStep.Update, b)),
  fc.uint8Array({ maxLength: 48 }).map((b) => encodeSync(SyncStep.Step1, b)),
  fc.uint8Array({ maxLength: 48 }).map((b) => encodeAwareness(b)),
  fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })).map(([i, v]) => {
    const mutated = Uint8Array.from(valid);
    mutated[i] = v;
    return encodeSync(SyncStep.Update, mutated);
  }),
  fc.nat(valid.length - 1).map((cut) => encodeSync(SyncStep.Update, valid.subarray(0, cut))),
  fc.constant(Uint8Array.from([MessageType.Ensemble, 0x7f])),
);

describe(`fuzz: malformed frames against a live room (seed ${SEED})`, () => {
  let server: EngineServer;
  beforeAll(async () => {
    server = await startEngineServer({ messagesPerSecond: 1_000_000, bytesPerSecond: 1_000_000_000 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('keeps the process, the room and well-behaved clients intact', async () => {
    console.log(`fuzz seed ${SEED} (set FC_SEED to replay)`);
    const frames = fc.sample(frameArb, { seed: SEED, numRuns: FRAMES });
    const writers = [new RawClient(), new RawClient(), new RawClient()];
    for (const w of writers) {
      await w.connect(server.roomUrl('fuzz'));
      await until(() => w.synced, 'writer synced');
    }
    // Each fuzz frame is followed by a Hello: the server handles frames in order, so a Welcome back
    // proves the fuzz frame was processed and survived; a close proves it was refused.
    let closedByServer = 0;
    let survived = 0;
    let socket: WebSocket | undefined;
    let outcome: ((result: 'closed' | 'ok') => void) | undefined;
    const openSocket = () =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(server.roomUrl('fuzz'));
        ws.on('message', (data: Buffer) => {
          if (data[0] === MessageType.Ensemble && data[1] === 1) outcome?.('ok');
        });
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
        ws.once('close', (code) => {
          if (code >= 4000) closedByServer++;
          outcome?.('closed');
        });
      });

    for (const [i, frame] of frames.entries()) {
      if (!socket || socket.readyState !== WebSocket.OPEN) socket = await openSocket();
      const result = new Promise<'closed' | 'ok'>((resolve) => {
        outcome = resolve;
      });
      socket.send(frame);
      socket.send(encodeHello());
      if ((await result) === 'ok') survived++;
      if (i % 25 === 0) writers[i % 3]!.doc.getText('t').insert(0, `${i % 10}`);
    }
    socket?.close();
    expect(closedByServer + survived).toBe(FRAMES);

    // Writers converge with each other and with a fresh reader.
    const reader = new RawClient();
    await reader.connect(server.roomUrl('fuzz'));
    await until(() => reader.synced, 'reader synced');
    const expectedEdits = Math.ceil(FRAMES / 25);
    await until(
      () =>
        writers.every((w) => w.doc.getText('t').toString() === reader.doc.getText('t').toString()) &&
        writers.every((w) => w.savedEdits === w.sentEdits),
      'well-behaved clients converged and were all acknowledged',
    );
    expect(writers.reduce((n, w) => n + w.sentEdits, 0)).toBe(expectedEdits);
    expect(closedByServer).toBeGreaterThan(FRAMES / 4);
    // No corruption: the stored log replays to exactly the live state.
    await server.engine.flush();
    const stored = await server.store.load('fuzz');
    const replay = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(replay, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(replay, update);
    expect(replay.getText('t').toString()).toBe(reader.doc.getText('t').toString());
    console.log(`fuzz: ${closedByServer} frames refused with a close code, ${survived} harmless`);
    for (const w of [...writers, reader]) w.destroy();
  });
});
