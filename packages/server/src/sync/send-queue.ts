import { WebSocket } from 'ws';

/** What the queue needs to see of a socket. */
export interface QueueSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
}

/**
 * The frames of one socket that wait behind a chunked initial sync (SPEC 3.7). The sync's chunks go
 * out one drain at a time — a new frame is written only while less than `lowWater` bytes sit in the
 * socket's buffers — and every frame queued after them keeps its place, so an update broadcast
 * meanwhile reaches the client after the state it builds on.
 */
export class SendQueue {
  private frames: (Uint8Array | undefined)[] = [];
  /** Per frame: whether it counts as backlog (anything but the initial sync's own chunks). */
  private counted: boolean[] = [];
  private head = 0;
  private backlogBytes = 0;
  private inFlight = 0;

  constructor(
    private readonly socket: QueueSocket,
    /** Writes a frame; `done` runs once it has left the process (or failed). */
    private readonly write: (frame: Uint8Array, done: () => void) => void,
    private readonly lowWater: number,
  ) {}

  /**
   * Frames are waiting or still leaving: anything sent now must queue behind them (a frame written
   * after a large chunk would otherwise find the socket's buffer full and take it for a slow reader).
   */
  get busy(): boolean {
    return this.head < this.frames.length || this.inFlight > 0;
  }

  /** Bytes waiting that are not part of the initial sync. */
  get backlog(): number {
    return this.backlogBytes;
  }

  /**
   * Queues an initial sync. Its frames are the document itself (already in memory, shared between
   * joiners) and do not count as backlog; a slow reader is bounded by what queues behind them.
   */
  pushSync(frames: readonly Uint8Array[]): void {
    for (const frame of frames) {
      this.frames.push(frame);
      this.counted.push(false);
    }
    this.pump();
  }

  /** Queues a frame behind everything waiting; returns the backlog in bytes. */
  push(frame: Uint8Array): number {
    this.frames.push(frame);
    this.counted.push(true);
    this.backlogBytes += frame.byteLength;
    this.pump();
    return this.backlogBytes;
  }

  clear(): void {
    this.frames = [];
    this.counted = [];
    this.head = 0;
    this.backlogBytes = 0;
  }

  private pump(): void {
    while (this.head < this.frames.length) {
      if (this.socket.readyState !== WebSocket.OPEN) {
        this.clear();
        return;
      }
      // With nothing of ours in flight there is no drain to wait for: write regardless.
      if (this.inFlight > 0 && this.socket.bufferedAmount >= this.lowWater) return;
      const frame = this.frames[this.head]!;
      if (this.counted[this.head]) this.backlogBytes -= frame.byteLength;
      this.frames[this.head] = undefined;
      this.head++;
      this.inFlight++;
      this.write(frame, () => {
        this.inFlight--;
        this.pump();
      });
    }
    if (this.head > 0) this.clear();
  }
}
