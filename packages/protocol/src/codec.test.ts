import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate as yEncodeAwareness } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  decodeAwarenessUpdate,
  decodeMessage,
  encodeAwareness,
  encodeAwarenessUpdate,
  encodeExtension,
  encodePermissionDenied,
  encodeQueryAwareness,
  encodeSync,
} from './codec.js';
import { ExtensionType, MessageType, SyncStep } from './message-types.js';

function yMessage(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

describe('codec: y-websocket compatibility (SPEC 2.1–2.4)', () => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'hello');

  it('SPEC 2.1: sync steps are byte-identical to y-protocols', () => {
    const sv = Y.encodeStateVector(doc);
    const step1 = yMessage((e) => {
      encoding.writeVarUint(e, MessageType.Sync);
      syncProtocol.writeSyncStep1(e, doc);
    });
    expect(encodeSync(SyncStep.Step1, sv)).toEqual(step1);
    const update = Y.encodeStateAsUpdate(doc);
    const step2 = yMessage((e) => {
      encoding.writeVarUint(e, MessageType.Sync);
      syncProtocol.writeSyncStep2(e, doc, new Uint8Array([0]));
    });
    expect(decodeMessage(step2)).toMatchObject({ kind: 'sync', step: SyncStep.Step2 });
    const upd = yMessage((e) => {
      encoding.writeVarUint(e, MessageType.Sync);
      syncProtocol.writeUpdate(e, update);
    });
    expect(encodeSync(SyncStep.Update, update)).toEqual(upd);
  });

  it('SPEC 2.2: awareness updates round-trip with y-protocols', () => {
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalState({ user: { name: 'Ana' }, cursor: 3 });
    const update = yEncodeAwareness(awareness, [awareness.clientID]);
    const entries = decodeAwarenessUpdate(update);
    expect(entries).toEqual([
      {
        clientId: awareness.clientID,
        clock: awareness.meta.get(awareness.clientID)!.clock,
        state: expect.any(String),
      },
    ]);
    expect(encodeAwarenessUpdate(entries as never)).toEqual(update);
    expect(decodeMessage(encodeAwareness(update))).toEqual({ kind: 'awareness', update });
  });

  it('SPEC 2.3 / 2.4: permission denied and query-awareness', () => {
    expect(decodeMessage(encodePermissionDenied('read-only'))).toEqual({
      kind: 'auth-denied',
      reason: 'read-only',
    });
    expect(decodeMessage(encodeQueryAwareness())).toEqual({ kind: 'query-awareness' });
  });

  it('SPEC 4: extension messages round-trip', () => {
    const messages = [
      { type: ExtensionType.Hello, version: 1 },
      { type: ExtensionType.Welcome, version: 1, role: 'viewer', connectionId: 'c1' },
      { type: ExtensionType.Saved, upTo: 42 },
      { type: ExtensionType.Notice, code: 'ENSEMBLE_FORBIDDEN', message: 'read-only' },
      {
        type: ExtensionType.Request,
        id: 7,
        service: 'locks',
        method: 'acquire',
        params: '{"resource":"node:1"}',
      },
      { type: ExtensionType.Response, id: 7, ok: true, body: '{"granted":true}' },
      { type: ExtensionType.Event, service: 'locks', name: 'changed', body: '{}' },
    ] as const;
    for (const message of messages) {
      expect(decodeMessage(encodeExtension(message))).toEqual({ kind: 'extension', message });
    }
  });
});

describe('codec: malformed input (SPEC 2.5)', () => {
  it.each([
    ['empty frame', []],
    ['unknown type', [7]],
    ['unknown sync step', [0, 9, 0]],
    ['truncated varint', [0x80]],
    ['truncated array', [0, 2, 10, 1, 2]],
    ['trailing bytes', [3, 0]],
    ['unknown extension', [100, 99]],
    ['bad auth sub-type', [2, 5, 0]],
  ])('%s is reported, not thrown', (_name, bytes) => {
    const result = decodeMessage(new Uint8Array(bytes));
    expect(result.kind).toBe('malformed');
  });

  it('never throws on arbitrary bytes (seeded property)', () => {
    const seed = Number(process.env.FC_SEED ?? 20261121);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const result = decodeMessage(bytes);
        expect(typeof result.kind).toBe('string');
        const aw = decodeAwarenessUpdate(bytes);
        expect(Array.isArray(aw) || typeof aw === 'string').toBe(true);
      }),
      { seed, numRuns: 5000 },
    );
  });
});
