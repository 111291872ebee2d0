import type { AcquireResult } from '@ensemble/client';

export interface IdleLockDeps {
  acquire(resource: string): Promise<AcquireResult>;
  release(resource: string): Promise<unknown>;
  /** Idle time after which a soft lock is given back (8 s by default). */
  idleMs: number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const DEFAULT_IDLE_MS = 8_000;

/**
 * "Editing takes a soft lock automatically and releases it after 8 s idle": `touch(resource)` on every
 * edit takes the soft lock if needed and restarts its idle timer; when the timer fires the lock is
 * released. A lock someone else holds is reported, never taken.
 */
export class IdleLocks {
  private readonly held = new Map<string, unknown>();
  private readonly pending = new Map<string, Promise<AcquireResult>>();

  constructor(private readonly deps: IdleLockDeps) {}

  /** Resolves to the acquire result (granted at once when already held). */
  async touch(resource: string): Promise<AcquireResult | { granted: true; lock: null }> {
    if (this.held.has(resource)) {
      this.restart(resource);
      return { granted: true, lock: null };
    }
    let request = this.pending.get(resource);
    if (!request) {
      request = this.deps.acquire(resource).finally(() => this.pending.delete(resource));
      this.pending.set(resource, request);
    }
    const result = await request;
    if (result.granted) this.restart(resource);
    return result;
  }

  holds(resource: string): boolean {
    return this.held.has(resource);
  }

  /** Stops tracking without releasing (the lock became a hard lock the user toggles themselves). */
  forget(resource: string): void {
    this.deps.clearTimer(this.held.get(resource));
    this.held.delete(resource);
  }

  /** Releases every lock now (leaving the room). */
  releaseAll(): void {
    for (const resource of [...this.held.keys()]) this.expire(resource);
  }

  private restart(resource: string): void {
    this.deps.clearTimer(this.held.get(resource));
    this.held.set(
      resource,
      this.deps.setTimer(() => this.expire(resource), this.deps.idleMs),
    );
  }

  private expire(resource: string): void {
    this.deps.clearTimer(this.held.get(resource));
    this.held.delete(resource);
    void this.deps.release(resource).catch(() => undefined);
  }
}
