import { decodeMessage, encodeSync, SyncStep } from '@ensemble/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { UpdateRelay } from './update-relay.js';

interface Sent {
  frame: Uint8Array;
  except: object | null;
}

/** One small edit by a fresh client, as the update it produces. */
function edit(text: string): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array | undefined;
  doc.on('update', (u: Uint8Array) => {
    update = u;
  });
  doc.getText('t').insert(0, text);
  return update!;
}

function payloadOf(frame: Uint8Array): Uint8Array {
  const message = decodeMessage(frame);
  if (message.kind !== 'sync' || message.step !== SyncStep.Update) throw new Error('not a sync update');
  return message.payload;
}

describe('update relay (SPEC 3.3a)', () => {
  let sent: Sent[];
  let members: number;
  let relay: UpdateRelay;
  beforeEach(() => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance'],
    });
    sent = [];
    members = 10;
    relay = new UpdateRelay(
      (frame, except) => sent.push({ frame, except }),
      () => members,
      { relayFramesPerSecond: 20_000, maxBatchDelayMs: 50 },
    );
  });
  afterEach(() => {
    relay.destroy();
    vi.useRealTimers();
  });

  it('sends a lone update byte-identical, without its author, at the end of the turn', () => {
    const author = {};
    const update = edit('a');
    relay.push(update, author);
    expect(sent).toHaveLength(0);
    vi.runOnlyPendingTimers();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.frame).toEqual(encodeSync(SyncStep.Update, update));
    expect(sent[0]!.except).toBe(author);
  });

  it('merges the updates of one turn into one frame for everyone when several authors wrote', () => {
    const updates = ['a', 'b', 'c'].map(edit);
    for (const u of updates) relay.push(u, {});
    vi.runOnlyPendingTimers();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.except).toBeNull();
    const merged = new Y.Doc();
    Y.applyUpdate(merged, payloadOf(sent[0]!.frame));
    const expected = new Y.Doc();
    for (const u of updates) Y.applyUpdate(expected, u);
    expect(merged.getText('t').toString()).toBe(expected.getText('t').toString());
    expect(merged.getText('t').length).toBe(3);
  });

  it('leaves the author out of a merged batch it wrote alone', () => {
    const author = {};
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    doc.getText('t').insert(0, 'x');
    doc.getText('t').insert(1, 'y');
    for (const u of updates) relay.push(u, author);
    vi.runOnlyPendingTimers();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.except).toBe(author);
  });

  it('in a large busy room sends at most one frame per interval, however many updates arrive', () => {
    members = 1000; // 1000 / 20,000 frames/s → one flush per 50 ms
    relay.push(edit('first'), {});
    vi.advanceTimersByTime(0);
    vi.runOnlyPendingTimers();
    expect(sent).toHaveLength(1); // leading edge: a quiet room is not delayed
    for (let i = 0; i < 20; i++) {
      relay.push(edit(`u${i}`), {});
      vi.advanceTimersByTime(2);
    }
    expect(sent).toHaveLength(1); // still inside the 50 ms interval
    vi.advanceTimersByTime(50);
    expect(sent).toHaveLength(2);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, payloadOf(sent[1]!.frame));
    const typed = Array.from({ length: 20 }, (_, i) => `u${i}`).join('');
    expect(doc.getText('t').length).toBe(typed.length);
  });

  it('flush() sends what waits at once, so that later frames cannot overtake it', () => {
    relay.push(edit('a'), {});
    relay.flush();
    expect(sent).toHaveLength(1);
    expect(relay.hasPending).toBe(false);
    vi.runOnlyPendingTimers();
    expect(sent).toHaveLength(1);
  });

  it('sends nothing after destroy', () => {
    relay.push(edit('a'), {});
    relay.destroy();
    vi.runOnlyPendingTimers();
    relay.push(edit('b'), {});
    vi.runOnlyPendingTimers();
    expect(sent).toHaveLength(0);
  });
});
