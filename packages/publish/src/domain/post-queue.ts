import type { Queryable } from '@ensemble/storage';

/**
 * What the post services need from the job queue. `schedule` runs inside the caller's transaction
 * so the post row and its job commit (or roll back) together.
 */
export interface PostQueue {
  /** Call before opening a transaction: on PGlite, queue start-up queries cannot run inside one. */
  prepare(): Promise<void>;
  /** Exactly one pending job for the post, due at `at` (moved if one is already queued). */
  schedule(tx: Queryable, postId: string, at: Date): Promise<void>;
}
