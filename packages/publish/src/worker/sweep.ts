import type { Database } from '@ensemble/storage';
import type { PublishQueue } from '../queue/publish-queue.js';

/** How long past due a post may be before the sweeper suspects its job is missing. */
const OVERDUE_MS = 60_000;

/**
 * Safety net: re-queues scheduled/publishing posts that are well past due. On an exclusive queue a
 * send for a post that still has a pending or running job is a no-op, so this never duplicates a job.
 */
export async function sweep(db: Database, queue: PublishQueue, limit = 200): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM publish_posts
     WHERE status IN ('scheduled', 'publishing') AND due_at < now() - $1 * interval '1 millisecond'
     ORDER BY due_at LIMIT $2`,
    [OVERDUE_MS, limit],
  );
  let queued = 0;
  for (const row of rows) if (await queue.ensure(row.id, new Date())) queued++;
  return queued;
}
