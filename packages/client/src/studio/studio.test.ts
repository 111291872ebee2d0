import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { Room } from '../client.js';
import { createStudio } from './studio.js';

function fakeRoom() {
  const doc = new Y.Doc();
  const calls: { method: string; params: unknown }[] = [];
  const room = {
    doc,
    connection: {
      request: (service: string, method: string, params: unknown) => {
        calls.push({ method: `${service}.${method}`, params });
        return Promise.resolve({});
      },
    },
  } as unknown as Room;
  return { room, doc, calls };
}

describe('Studio binding', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('streams a drag at ≤ 10 Hz and settles exactly on the final position', () => {
    const { room, doc } = fakeRoom();
    const studio = createStudio(room);
    studio.graph.addNode({ id: 'n', type: 't', x: 0, y: 0 });
    let writes = 0;
    doc.on('update', () => writes++);
    // One second of pointer moves at 1 kHz.
    for (let ms = 1; ms <= 1000; ms++) {
      studio.drag(studio.graph, 'n', ms, ms * 2);
      vi.advanceTimersByTime(1);
    }
    expect(writes).toBeGreaterThan(5);
    expect(writes).toBeLessThanOrEqual(11);
    studio.endDrag(studio.graph, 'n', 1234.5, 99);
    vi.advanceTimersByTime(1000);
    expect(studio.graph.node('n')).toMatchObject({ x: 1234.5, y: 99 });
  });

  it('sends scrubs to the studio service at ≤ 20 Hz; the last one always arrives', () => {
    const { room, calls } = fakeRoom();
    const studio = createStudio(room);
    for (let ms = 0; ms < 500; ms++) {
      studio.scrub(ms / 100);
      vi.advanceTimersByTime(1);
    }
    studio.flushScrub();
    const scrubs = calls.filter((c) => c.method === 'studio.scrub');
    expect(scrubs.length).toBeLessThanOrEqual(11);
    expect(scrubs.at(-1)?.params).toEqual({ time: 4.99 });
  });

  it('asks the server to select, log and clear rather than writing attribution itself', async () => {
    const { room, calls, doc } = fakeRoom();
    const studio = createStudio(room);
    const before = Y.encodeStateVector(doc);
    await studio.select('cube');
    await studio.log('warn', 'careful');
    await studio.clearConsole();
    await studio.setPlaying(true, 1.5);
    expect(calls).toEqual([
      { method: 'studio.select', params: { objectId: 'cube' } },
      { method: 'studio.log', params: { level: 'warn', text: 'careful' } },
      { method: 'studio.clear', params: {} },
      { method: 'studio.scrub', params: { time: 1.5, playing: true } },
    ]);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });
});
