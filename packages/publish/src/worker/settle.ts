import type { Queryable } from '@ensemble/storage';
import type { Job } from 'pg-boss';
import type { PublishJobData, PublishQueue } from '../queue/publish-queue.js';
import type { Claim } from './claim.js';
import { logAttempt } from './events.js';
import type { Outcome } from './outcome.js';

type RunClaim = Extract<Claim, { kind: 'run' }>;

/**
 * Records an attempt's outcome in one transaction: post row, attempt log, account state and (for a
 * retry) the post's next job. Fenced by the lease: if another worker took the post over (this one
 * stalled past its lease), nothing is written and the other worker's lookup decides.
 * Returns false when fenced out.
 */
export async function settle(
  tx: Queryable,
  queue: PublishQueue,
  job: Job<PublishJobData>,
  claim: RunClaim,
  outcome: Outcome,
  workerId: string,
): Promise<boolean> {
  const { post, account, attempt } = claim;
  const fence = [post.id, attempt];
  let updated: number;
  switch (outcome.kind) {
    case 'published':
      ({ rowCount: updated } = await tx.query(
        `UPDATE publish_posts SET status = 'published', external_id = $3, external_url = $4, published_at = now(),
           due_at = NULL, lease_attempt = NULL, lease_until = NULL, uncertain = false, last_error_code = NULL,
           last_error = NULL, updated_at = now()
         WHERE id = $1 AND lease_attempt = $2`,
        [...fence, outcome.externalId, outcome.url],
      ));
      break;
    case 'retry':
      ({ rowCount: updated } = await tx.query(
        `UPDATE publish_posts SET due_at = $3, lease_attempt = NULL, lease_until = NULL, uncertain = uncertain OR $4,
           attempts = attempts - $5, last_error_code = $6, last_error = $7, updated_at = now()
         WHERE id = $1 AND lease_attempt = $2`,
        [
          ...fence,
          outcome.at,
          outcome.error.ambiguous,
          outcome.error.beforePublish ? 1 : 0,
          outcome.error.code,
          outcome.error.message,
        ],
      ));
      break;
    case 'failed':
    case 'unconfirmed':
      ({ rowCount: updated } = await tx.query(
        `UPDATE publish_posts SET status = $3, due_at = NULL, lease_attempt = NULL, lease_until = NULL,
           uncertain = uncertain OR $4, last_error_code = $5, last_error = $6, updated_at = now()
         WHERE id = $1 AND lease_attempt = $2`,
        [
          ...fence,
          outcome.kind,
          outcome.kind === 'unconfirmed' || (outcome.error?.ambiguous ?? false),
          outcome.kind === 'failed' ? outcome.code : 'unconfirmed',
          outcome.message,
        ],
      ));
      break;
  }
  if (updated === 0) return false;

  const error = outcome.kind === 'published' ? undefined : outcome.error;
  await logAttempt(tx, {
    postId: post.id,
    companyId: post.company_id,
    attempt,
    event: outcome.kind === 'published' && outcome.foundExisting ? 'found_existing' : outcome.kind,
    workerId,
    errorClass: error?.kind,
    errorCode: error?.code ?? (outcome.kind === 'failed' ? outcome.code : null),
    message:
      outcome.kind === 'published'
        ? outcome.foundExisting
          ? 'an earlier attempt had published it; completed without posting again'
          : null
        : outcome.kind === 'retry'
          ? `${outcome.error.message} (next attempt at ${outcome.at.toISOString()})`
          : outcome.message,
    httpStatus: error?.httpStatus,
    externalId: outcome.kind === 'published' ? outcome.externalId : null,
  });

  if (error?.kind === 'auth') {
    await tx.query(
      `UPDATE publish_accounts SET status = 'needs_reauth', status_reason = $2, updated_at = now() WHERE id = $1`,
      [account.id, error.message],
    );
  }
  if (error?.accountBackoffUntil) {
    await tx.query(
      `UPDATE publish_accounts SET backoff_until = GREATEST(COALESCE(backoff_until, $2), $2), updated_at = now() WHERE id = $1`,
      [account.id, error.accountBackoffUntil],
    );
  }
  if (outcome.kind === 'retry') await queue.defer(tx, job, outcome.at);
  return true;
}
