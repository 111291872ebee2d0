/**
 * SPEC 3.7: a document bigger than the frame limit reaches joiners in chunks — unmodified y-websocket
 * providers and raw clients — with no frame over the limit, and edits made meanwhile converge.
 */
import { decodeMessage, encodeSync, SyncStep } from '@ensemble/protocol';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { type RawData, WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type SyncMetrics, syncMetrics } from '../metrics.js';
import { MemoryUpdateStore } from '../persistence/memory-update-store.js';
import { type EngineServer, startEngineServer } from '../test-support/engine-server.js';
import { RawClient } from '../test-support/raw-client.js';

const LIMIT = 64 * 1024;
const EDIT = 'EDIT-MADE-DURING-THE-CHUNKED-SYNC';

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function bytesOf(data: RawData | ArrayBuffer): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/** A document of about `megabytes` MB: one big paste (a single item), map entries and list items. */
function bigDoc(megabytes: number): Y.Doc {
  const doc = new Y.Doc();
  const line = 'The quick brown fox 🦊 jumps over the lazy dog — ünïcödé. ';
  doc.getText('t').insert(0, line.repeat(Math.ceil((megabytes * 1_000_000) / 64)));
  const map = doc.getMap('m');
  for (let i = 0; i < 2_000; i++) map.set(`key-${i}`, { i, label: `value ${i}` });
  doc.getArray('a').insert(
    0,
    Array.from({ length: 5_000 }, (_, i) => i),
  );
  return doc;
}

/** A y-websocket client made of a bare socket: records every frame and applies the sync ones. */
class FrameRecorder {
  doc = new Y.Doc();
  readonly frames: Uint8Array[] = [];
  closeCode: number | undefined;
  readonly ws: WebSocket;
  /** Restart (below) right after the first chunk of an answer has been applied. */
  restartAfterFirstChunk = false;

  constructor(url: string) {
    this.ws = new WebSocket(url);
    this.ws.binaryType = 'nodebuffer';
    this.ws.on('message', (data: RawData) => {
      const frame = bytesOf(data);
      this.frames.push(frame);
      const message = decodeMessage(frame);
      if (message.kind !== 'sync' || message.step === SyncStep.Step1) return;
      Y.applyUpdate(this.doc, message.payload);
      if (this.restartAfterFirstChunk && message.step === SyncStep.Update) {
        this.restartAfterFirstChunk = false;
        this.restart();
      }
    });
    this.ws.on('close', (code) => {
      this.closeCode = code;
    });
  }

  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
  }

  /** Sync messages received, as [step, payload]. */
  get syncs(): [SyncStep, Uint8Array][] {
    const out: [SyncStep, Uint8Array][] = [];
    for (const frame of this.frames) {
      const message = decodeMessage(frame);
      if (message.kind === 'sync') out.push([message.step, message.payload]);
    }
    return out;
  }

  get synced(): boolean {
    return this.syncs.some(([step]) => step === SyncStep.Step2);
  }

  /** Drops the document and asks again from scratch, as an Ensemble client does after a refused edit. */
  restart(): void {
    this.doc = new Y.Doc();
    this.ws.send(encodeSync(SyncStep.Step1, Y.encodeStateVector(this.doc)));
  }
}

describe('chunked initial sync (SPEC 3.7)', () => {
  let server: EngineServer;
  let metrics: SyncMetrics;
  const cleanups: (() => void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    await server?.close();
  });

  const start = async (maxFrameBytes = LIMIT) => {
    metrics = syncMetrics(new Registry());
    server = await startEngineServer({ maxFrameBytes }, new MemoryUpdateStore(), { metrics });
  };
  /** Waits until the server has written all it is willing to; returns the bytes it sent meanwhile. */
  const sentUntilStalled = async () => {
    const before = await bytesSent();
    let sent = before;
    for (let stable = 0; stable < 5; ) {
      await new Promise((r) => setTimeout(r, 100));
      const now = await bytesSent();
      stable = now === sent ? stable + 1 : 0;
      sent = now;
    }
    return sent - before;
  };
  const bytesSent = async () => (await metrics.bytesSent.get()).values[0]?.value ?? 0;

  /** Puts `doc` into room `room` through a client's initial SyncStep2 (which may be large). */
  const seed = async (room: string, doc: Y.Doc) => {
    const seeder = new RawClient(doc);
    cleanups.push(() => seeder.destroy());
    await seeder.connect(server.roomUrl(room));
    await until(() => seeder.savedUpTo >= 1, 'seed stored');
    return seeder;
  };
  const raw = async (room: string) => {
    const client = new RawClient();
    cleanups.push(() => client.destroy());
    await client.connect(server.roomUrl(room));
    return client;
  };
  const recorder = async (room: string) => {
    const r = new FrameRecorder(server.roomUrl(room));
    cleanups.push(() => r.ws.terminate());
    await r.opened();
    return r;
  };

  it('holds chunks back for a reader that does not read, and an edit made meanwhile comes after them', async () => {
    await start();
    const source = bigDoc(8);
    const docBytes = Y.encodeStateAsUpdate(source).byteLength;
    const seeder = await seed('big', source);
    const editor = await raw('big');
    await until(() => editor.synced, 'editor synced', 60_000);

    const joiner = await recorder('big');
    joiner.ws.send(encodeSync(SyncStep.Step1, Y.encodeStateVector(joiner.doc)));
    joiner.ws.pause();
    // Backpressure: the server stopped well short of the document (the old code wrote it all at once
    // and then closed this socket as a slow reader).
    expect(await sentUntilStalled()).toBeLessThan(docBytes * 0.8);

    editor.doc.getText('t').insert(0, EDIT);
    await until(() => editor.savedEdits === 1, 'edit stored');
    joiner.ws.resume();
    await until(() => joiner.doc.getText('t').toString().startsWith(EDIT), 'joiner has the edit', 60_000);
    await until(() => joiner.synced, 'joiner synced');

    expect(joiner.closeCode).toBeUndefined();
    for (const frame of joiner.frames) expect(frame.byteLength).toBeLessThanOrEqual(LIMIT);
    const syncs = joiner.syncs.filter(([step]) => step !== SyncStep.Step1);
    const step2 = syncs.findIndex(([step]) => step === SyncStep.Step2);
    const edit = syncs.findIndex(([, payload]) => Buffer.from(payload).includes(EDIT));
    // Every chunk is an update before the one SyncStep2; the edit follows the whole sync.
    expect(step2).toBeGreaterThanOrEqual(Math.floor(docBytes / LIMIT));
    expect(syncs.slice(0, step2).every(([step]) => step === SyncStep.Update)).toBe(true);
    expect(edit).toBeGreaterThan(step2);

    const expected = Y.encodeStateAsUpdate(editor.doc);
    expect(Buffer.from(Y.encodeStateAsUpdate(joiner.doc)).equals(Buffer.from(expected))).toBe(true);
    expect(joiner.doc.getText('t').toString()).toBe(seeder.doc.getText('t').toString());
  }, 120_000);

  it('syncs an unmodified y-websocket provider and a raw client, with an edit made during the sync', async () => {
    await start();
    const source = bigDoc(3);
    await seed('provider', source);
    const editor = await raw('provider');
    await until(() => editor.synced, 'editor synced', 60_000);

    const providerFrames: number[] = [];
    class RecordingSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols);
        this.on('message', (data: RawData) => providerFrames.push(bytesOf(data).byteLength));
      }
    }
    const provider = new WebsocketProvider(server.url, 'provider', new Y.Doc(), {
      WebSocketPolyfill: RecordingSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    cleanups.push(() => provider.destroy());
    const joiner = await raw('provider');
    // As soon as the provider's socket is open its sync is under way: edit now.
    await until(() => provider.wsconnected, 'provider connected');
    editor.doc.getText('t').insert(0, EDIT);

    await until(() => provider.synced && joiner.synced, 'provider and raw client synced', 60_000);
    const full = (doc: Y.Doc) => doc.getText('t').toString();
    await until(
      () => full(provider.doc).startsWith(EDIT) && full(joiner.doc).startsWith(EDIT),
      'edit everywhere',
    );

    expect(providerFrames.length).toBeGreaterThan(Y.encodeStateAsUpdate(source).byteLength / LIMIT);
    expect(Math.max(...providerFrames)).toBeLessThanOrEqual(LIMIT);
    const expected = Buffer.from(Y.encodeStateAsUpdate(editor.doc));
    expect(Buffer.from(Y.encodeStateAsUpdate(provider.doc)).equals(expected)).toBe(true);
    expect(Buffer.from(Y.encodeStateAsUpdate(joiner.doc)).equals(expected)).toBe(true);
    expect(provider.doc.getMap('m').size).toBe(2_000);
    expect((await metrics.framesOverLimit.get()).values[0]?.value ?? 0).toBe(0);

    // The answer kept for fresh joiners was dropped by the edit: a later joiner has it too.
    const late = await raw('provider');
    await until(() => late.synced, 'late joiner synced', 60_000);
    expect(full(late.doc).startsWith(EDIT)).toBe(true);
  }, 120_000);

  it('answers a second SyncStep1 made during a chunked sync in full, behind the first', async () => {
    const limit = 512 * 1024;
    await start(limit);
    const source = bigDoc(6);
    const docBytes = Y.encodeStateAsUpdate(source).byteLength;
    await seed('again', source);
    const joiner = await recorder('again');
    joiner.ws.send(encodeSync(SyncStep.Step1, Y.encodeStateVector(joiner.doc)));
    joiner.ws.pause();
    expect(await sentUntilStalled()).toBeLessThan(docBytes * 0.8);
    // The first chunk lands in a document the client then drops; the rest of the first answer goes to
    // the new, empty one, followed by the whole second answer.
    joiner.restartAfterFirstChunk = true;
    joiner.ws.resume();
    await until(
      () => joiner.syncs.filter(([step]) => step === SyncStep.Step2).length === 2,
      'both answers',
      60_000,
    );
    expect(joiner.closeCode).toBeUndefined();
    for (const frame of joiner.frames) expect(frame.byteLength).toBeLessThanOrEqual(limit);
    expect(
      Buffer.from(Y.encodeStateAsUpdate(joiner.doc)).equals(Buffer.from(Y.encodeStateAsUpdate(source))),
    ).toBe(true);
  }, 120_000);

  it('answers a small document with the usual single SyncStep2', async () => {
    await start();
    const small = new Y.Doc();
    small.getText('t').insert(0, 'small document');
    await seed('small', small);
    const joiner = await recorder('small');
    joiner.ws.send(encodeSync(SyncStep.Step1, Y.encodeStateVector(joiner.doc)));
    await until(() => joiner.synced, 'synced');
    const answers = joiner.syncs.filter(([step]) => step !== SyncStep.Step1);
    expect(answers).toHaveLength(1);
    const frame = joiner.frames.find((f) => decodeMessage(f).kind === 'sync' && f[1] === SyncStep.Step2);
    const usual = encodeSync(SyncStep.Step2, Y.encodeStateAsUpdate(small));
    expect(Buffer.from(frame!).equals(Buffer.from(usual))).toBe(true);
  });

  it('sends a value too large to split as the one frame over the limit, and counts it', async () => {
    await start();
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'z'.repeat(200_000));
    doc.getMap('m').set('blob', new Uint8Array(3 * LIMIT).fill(1));
    await seed('blob', doc);
    const joiner = await recorder('blob');
    joiner.ws.send(encodeSync(SyncStep.Step1, Y.encodeStateVector(joiner.doc)));
    await until(() => joiner.synced, 'synced');
    const over = joiner.frames.filter((f) => f.byteLength > LIMIT);
    expect(over).toHaveLength(1);
    expect(joiner.frames.filter((f) => decodeMessage(f).kind === 'sync').length).toBeGreaterThan(4);
    expect((await metrics.framesOverLimit.get()).values[0]?.value).toBe(1);
    expect(joiner.doc.getMap('m').get('blob')).toEqual(new Uint8Array(3 * LIMIT).fill(1));
    expect(joiner.doc.getText('t').length).toBe(200_000);
    expect(joiner.closeCode).toBeUndefined();
  });
});
