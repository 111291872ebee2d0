import type {
  ActivityBatchStore,
  ActivityCount,
  ActivityEntry,
  ActivityQuery,
  ActivityStore,
  RoomActivity,
} from './activity-store.js';

export interface ActivityWriterOptions {
  /** How long a write waits for other rooms' writes to share its statement. Default 100 ms. */
  windowMs?: number;
  /** …or none at all once this many rows are waiting. Default 500. */
  maxRows?: number;
}

export const ACTIVITY_WRITER_DEFAULTS = { windowMs: 100, maxRows: 500 };

interface Waiting {
  rows: RoomActivity[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * One activity writer per node, shared by every room's `ActivityService`: each room still flushes on
 * its own schedule, but the writes arriving within `windowMs` of each other become one multi-room
 * upsert — with 100 busy rooms that is a few statements a second instead of one per room. A write
 * resolves only once its rows are stored and rejects if they could not be, so the room keeps them
 * and retries (nothing is acknowledged early). Writes somebody waits for (`flushPending`: reads,
 * unloads, shutdown) go out at once.
 */
export class ActivityWriter implements ActivityStore {
  private readonly windowMs: number;
  private readonly maxRows: number;
  private queue: Waiting[] = [];
  private queuedRows = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private urgent = false;

  constructor(
    private readonly store: ActivityBatchStore,
    options: ActivityWriterOptions = {},
  ) {
    this.windowMs = options.windowMs ?? ACTIVITY_WRITER_DEFAULTS.windowMs;
    this.maxRows = options.maxRows ?? ACTIVITY_WRITER_DEFAULTS.maxRows;
  }

  /** Rows waiting for their statement (not counting the one being written). */
  get pending(): number {
    return this.queuedRows;
  }

  write(room: string, entries: ActivityEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ rows: entries.map((entry) => ({ room, entry })), resolve, reject });
      this.queuedRows += entries.length;
      if (this.queuedRows >= this.maxRows) this.flushPending();
      else this.schedule();
    });
  }

  flushPending(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running) this.urgent = true;
    else this.kick();
  }

  /** Writes everything queued so far now; resolves when it has been written (or has failed). */
  async flush(): Promise<void> {
    this.flushPending();
    while (this.running) await this.running;
  }

  list(room: string, query: ActivityQuery): Promise<ActivityEntry[]> {
    return this.store.list(room, query);
  }

  counts(room: string, since: Date): Promise<ActivityCount[]> {
    return this.store.counts(room, since);
  }

  private schedule(): void {
    if (this.timer || this.running) return;
    // Not unref'd: a write still waiting here must keep the process alive until it is stored.
    this.timer = setTimeout(() => this.kick(), this.windowMs);
  }

  private kick(): void {
    this.timer = undefined;
    if (this.running || this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.queuedRows = 0;
    this.urgent = false;
    this.running = this.writeBatch(batch).finally(() => {
      this.running = undefined;
      if (this.queue.length === 0) return;
      if (this.urgent || this.queuedRows >= this.maxRows) this.kick();
      else this.schedule();
    });
  }

  private async writeBatch(batch: Waiting[]): Promise<void> {
    // One upsert may not touch a row twice: the newest version of an entry wins, in its first place.
    const byId = new Map<string, RoomActivity>();
    for (const waiting of batch) for (const row of waiting.rows) byId.set(row.entry.id, row);
    try {
      await this.store.writeMany([...byId.values()]);
      for (const waiting of batch) waiting.resolve();
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // One room's bad row must not fail every room: each write is tried again on its own (in order,
      // so a newer version of an entry still lands last), and only the rooms whose rows cannot be
      // stored see the error — they keep their entries and retry.
      for (const waiting of batch) {
        await this.store.writeMany(waiting.rows).then(waiting.resolve, waiting.reject);
      }
    }
  }
}
