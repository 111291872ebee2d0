import { decodeMessage, encodeSync, SyncStep } from '@ensemble/protocol';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SyncAnswers, syncAnswerFrames, syncPayloadBudget } from './sync-answer.js';

const steps = (frames: Uint8Array[]) =>
  frames.map((frame) => {
    const message = decodeMessage(frame);
    return message.kind === 'sync' ? message.step : message.kind;
  });

describe('answer to SyncStep1 (SPEC 3.1, 3.7)', () => {
  it('is one SyncStep2, byte for byte as before, when it fits', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'small');
    const update = Y.encodeStateAsUpdate(doc);
    expect(syncAnswerFrames(update, 1024)).toEqual([encodeSync(SyncStep.Step2, update)]);
  });

  it('fills the frame limit exactly and no further', () => {
    for (const limit of [100, 127, 128, 129, 16_384, 16_385, 1024 * 1024]) {
      const fits = new Uint8Array(syncPayloadBudget(limit));
      expect(encodeSync(SyncStep.Step2, fits).byteLength).toBeLessThanOrEqual(limit);
    }
  });

  it('is update chunks ending with a SyncStep2, each within the limit, when it does not fit', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x'.repeat(50_000));
    const frames = syncAnswerFrames(Y.encodeStateAsUpdate(doc), 4_096);
    expect(frames.length).toBeGreaterThan(12);
    expect(steps(frames)).toEqual([...frames.slice(1).map(() => SyncStep.Update), SyncStep.Step2]);
    for (const frame of frames) expect(frame.byteLength).toBeLessThanOrEqual(4_096);
    const copy = new Y.Doc();
    for (const frame of frames) {
      const message = decodeMessage(frame);
      if (message.kind === 'sync') Y.applyUpdate(copy, message.payload);
    }
    expect(copy.getText('t').toString()).toBe('x'.repeat(50_000));
  });

  it('keeps the chunked answer for fresh joiners until the document changes', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'y'.repeat(20_000));
    const answers = new SyncAnswers(doc, 4_096);
    const empty = Y.encodeStateVector(new Y.Doc());
    const first = answers.answer(empty);
    expect(first.length).toBeGreaterThan(1);
    expect(answers.answer(empty)).toBe(first);
    // A deletion changes the document without changing its state vector.
    doc.getText('t').delete(0, 1);
    const after = answers.answer(empty);
    expect(after).not.toBe(first);
    const copy = new Y.Doc();
    for (const frame of after) {
      const message = decodeMessage(frame);
      if (message.kind === 'sync') Y.applyUpdate(copy, message.payload);
    }
    expect(copy.getText('t').length).toBe(19_999);
    // A client that already has part of the document gets its own, smaller answer.
    const partial = answers.answer(Y.encodeStateVector(doc));
    expect(partial).toHaveLength(1);
  });
});
