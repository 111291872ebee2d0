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
  /**
   * Writes that queued while a commit was in flight have waited already: `true` (default) commits
   * them as soon as it ends; `false` waits `delayMs` again for more company.
   */
  followImmediately?: boolean;
  /** Backoff between retries when the store fails (the batch is kept, never dropped). */
  retryMs: number;
  onError: (error: unknown) => void;
  onCommit?: (entries: number, seconds: number) => void;
}

/**
 * Batches update-log appends: writes arriving within `delayMs` share one INSERT. Batches commit
 * strictly in order, so a saved-ack for write N implies every earlier write is durable too.
 */
export class GroupCommitter {
  private queue: PendingWrite[] = [];
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
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.queue.length > 0) {
        if (this.options.followImmediately ?? false) this.kick();
        else this.timer = setTimeout(() => this.kick(), this.options.delayMs);
      } else {
        for (const resolve of this.idleWaiters.splice(0)) resolve();
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
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
}
