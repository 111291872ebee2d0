import type { UpdateEntry, UpdateStore } from './update-store.js';

export interface PendingWrite {
  /** Null for an update that changed nothing: it is acknowledged in order but not stored. */
  entry: UpdateEntry | null;
  /** Called once the write (and every write queued before it) is durable, with its sequence number. */
  done: (seq: number | null) => void;
}

export interface GroupCommitOptions {
  /** How long the first write of a batch waits for company. */
  delayMs: number;
  /** Backoff between retries when the store fails (the batch is kept, never dropped). */
  retryMs: number;
  onError: (error: unknown) => void;
  onCommit?: (entries: number, seconds: number) => void;
}

/**
 * Batches update-log appends: a write waits at most `delayMs` (from the arrival of the first write
 * of its batch) for company, and one INSERT carries the batch. Batches commit strictly in order, so
 * a saved-ack for write N implies every earlier write is durable too.
 */
export class GroupCommitter {
  private queue: PendingWrite[] = [];
  /** When the oldest queued write arrived: its window is counted from there. */
  private queuedSince = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly store: UpdateStore,
    private readonly options: GroupCommitOptions,
  ) {}

  get pending(): number {
    return this.queue.length;
  }

  push(write: PendingWrite): void {
    if (this.queue.length === 0) this.queuedSince = performance.now();
    this.queue.push(write);
    if (!this.timer && !this.running) this.timer = setTimeout(() => this.kick(), this.options.delayMs);
  }

  /** Resolves when everything queued so far is durable (used on unload and shutdown). */
  flush(): Promise<void> {
    if (this.queue.length === 0 && !this.running) return Promise.resolve();
    clearTimeout(this.timer);
    this.timer = undefined;
    const idle = new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    if (!this.running) this.kick();
    return idle;
  }

  private kick(): void {
    this.timer = undefined;
    if (this.running) return;
    this.running = this.commit().finally(() => {
      this.running = undefined;
      if (this.queue.length === 0) {
        for (const resolve of this.idleWaiters.splice(0)) resolve();
        return;
      }
      // Writes that arrived during the commit still wait out their window (unless someone flushes):
      // committing them at once would turn a steady stream into back-to-back one-row INSERTs.
      const wait =
        this.idleWaiters.length > 0 ? 0 : this.queuedSince + this.options.delayMs - performance.now();
      if (wait <= 0) this.kick();
      else this.timer = setTimeout(() => this.kick(), wait);
    });
  }

  private async commit(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    const entries = batch.flatMap((w) => (w.entry ? [w.entry] : []));
    const started = performance.now();
    let seqs: number[];
    for (;;) {
      try {
        seqs = await this.store.append(entries);
        break;
      } catch (error) {
        this.options.onError(error);
        await new Promise((r) => setTimeout(r, this.options.retryMs));
      }
    }
    this.options.onCommit?.(entries.length, (performance.now() - started) / 1000);
    let i = 0;
    for (const write of batch) write.done(write.entry ? (seqs[i++] ?? null) : null);
  }
}
