import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { SendQueue } from './send-queue.js';

/** A socket whose writes leave the process only when the test says so. */
function fakeSocket() {
  const socket = { readyState: WebSocket.OPEN as number, bufferedAmount: 0 };
  const inFlight: { frame: Uint8Array; done: () => void }[] = [];
  const written: string[] = [];
  const write = (frame: Uint8Array, done: () => void) => {
    socket.bufferedAmount += frame.byteLength;
    written.push(Buffer.from(frame).toString());
    inFlight.push({ frame, done });
  };
  /** The oldest write leaves the process. */
  const drainOne = () => {
    const next = inFlight.shift();
    if (!next) throw new Error('nothing in flight');
    socket.bufferedAmount -= next.frame.byteLength;
    next.done();
  };
  return { socket, write, written, inFlight, drainOne };
}

const frame = (text: string) => new Uint8Array(Buffer.from(text));

describe('SendQueue (SPEC 3.7)', () => {
  it('writes the initial sync one drain at a time and keeps later frames behind it', () => {
    const fake = fakeSocket();
    const queue = new SendQueue(fake.socket, fake.write, 8);
    queue.pushSync([frame('chunk-1'), frame('chunk-2'), frame('step2-3')]);
    // One frame of 7 bytes is in flight and the low-water mark is 8: the next one may go too.
    expect(fake.written).toEqual(['chunk-1', 'chunk-2']);
    expect(queue.busy).toBe(true);
    // Broadcast while the sync is going out: must not overtake it.
    expect(queue.push(frame('live-edit'))).toBe(9);
    expect(fake.written).toHaveLength(2);
    fake.drainOne();
    expect(fake.written).toEqual(['chunk-1', 'chunk-2', 'step2-3']);
    fake.drainOne();
    fake.drainOne();
    expect(fake.written).toEqual(['chunk-1', 'chunk-2', 'step2-3', 'live-edit']);
    expect(queue.backlog).toBe(0);
    // Still busy until the last write has left: a frame sent now would otherwise skip the queue.
    expect(queue.busy).toBe(true);
    fake.drainOne();
    expect(queue.busy).toBe(false);
  });

  it('counts only what waits behind the sync as backlog', () => {
    const fake = fakeSocket();
    const queue = new SendQueue(fake.socket, fake.write, 1);
    queue.pushSync([frame('a'.repeat(100)), frame('b'.repeat(100)), frame('c'.repeat(100))]);
    expect(queue.backlog).toBe(0);
    queue.push(frame('x'.repeat(10)));
    queue.push(frame('y'.repeat(20)));
    expect(queue.backlog).toBe(30);
    fake.drainOne();
    fake.drainOne();
    fake.drainOne();
    expect(queue.backlog).toBe(20);
  });

  it('drops everything once the socket is no longer open', () => {
    const fake = fakeSocket();
    const queue = new SendQueue(fake.socket, fake.write, 1);
    queue.pushSync([frame('one'), frame('two')]);
    fake.socket.readyState = WebSocket.CLOSED;
    fake.drainOne();
    expect(fake.written).toEqual(['one']);
    expect(queue.busy).toBe(false);
    expect(queue.backlog).toBe(0);
  });
});
