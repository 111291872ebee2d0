import type { Queryable } from '@ensemble/storage';
import type { Job } from 'pg-boss';
import { POST_COLUMNS } from '../domain/posts-read.js';
import { ACCOUNT_COLUMNS, type AccountRow, type PostRow } from '../domain/rows.js';
import type { PublishJobData, PublishQueue } from '../queue/publish-queue.js';
import { logAttempt } from './events.js';

/** A post counts as due this much before its time: the poll interval would otherwise make it late. */
const DUE_SLACK_MS = 250;

export interface ClaimOptions {
  queue: PublishQueue;
  workerId: string;
  maxAttempts: number;
  leaseMs: number;
}

export type Claim =
  | { kind: 'skip'; reason: string }
  | { kind: 'deferred'; until: Date; reason: string }
  | {
      kind: 'run';
      post: PostRow;
      account: AccountRow;
      attempt: number;
      /** Earlier attempts may have published it: look it up before posting. */
      uncertain: boolean;
      /** The attempt budget is spent: only find out whether an earlier attempt got through. */
      lookupOnly: boolean;
      /** The first attempt's start, for platform lookups. */
      since: Date;
    };

/**
 * Decides, under the post's row lock, whether this job should publish now. Cancel, edit and retry
 * take the same lock, so every race with the API resolves to one consistent order. A claim that
 * runs is committed (status `publishing`, lease, `started` in the log) *before* the platform is
 * called, so a crash at any later point leaves evidence for the next attempt.
 */
export async function claim(tx: Queryable, job: Job<PublishJobData>, options: ClaimOptions): Promise<Claim> {
  const { rows } = await tx.query<PostRow & { db_now: Date }>(
    `SELECT ${POST_COLUMNS}, now() AS db_now FROM publish_posts WHERE id = $1 FOR UPDATE`,
    [job.data.postId],
  );
  const post = rows[0];
  if (!post) return { kind: 'skip', reason: 'post no longer exists' };
  if (post.status !== 'scheduled' && post.status !== 'publishing')
    return { kind: 'skip', reason: `post is ${post.status}` };
  const now = post.db_now;
  const defer = async (until: Date, reason: string): Promise<Claim> => {
    await options.queue.defer(tx, job, until);
    return { kind: 'deferred', until, reason };
  };
  let uncertain = post.uncertain;
  if (post.lease_attempt !== null) {
    if (post.lease_until && post.lease_until > now) {
      return defer(
        new Date(post.lease_until.getTime() + 100),
        `attempt ${post.lease_attempt} still holds the post`,
      );
    }
    // Its worker died (or stalled past its lease) somewhere between claiming and recording an outcome.
    await logAttempt(tx, {
      postId: post.id,
      companyId: post.company_id,
      attempt: post.lease_attempt,
      event: 'abandoned',
      workerId: options.workerId,
      message: 'the worker stopped before recording an outcome; the next attempt checks the platform first',
    });
    await tx.query(
      'UPDATE publish_posts SET lease_attempt = NULL, lease_until = NULL, uncertain = true WHERE id = $1',
      [post.id],
    );
    uncertain = true;
  }
  if (post.due_at && post.due_at.getTime() > now.getTime() + DUE_SLACK_MS)
    return defer(post.due_at, 'not due yet');
  const { rows: accounts } = await tx.query<AccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM publish_accounts WHERE id = $1`,
    [post.account_id],
  );
  const account = accounts[0]!;
  const unusable =
    account.disconnected_at || !account.token_ciphertext
      ? 'the account was disconnected'
      : account.status === 'needs_reauth'
        ? `the account needs to be reconnected: ${account.status_reason ?? 'its token is no longer valid'}`
        : undefined;
  if (unusable) {
    // Without a token nothing can be checked either: an uncertain post stays honest as unconfirmed.
    const status = uncertain ? 'unconfirmed' : 'failed';
    await tx.query(
      `UPDATE publish_posts SET status = $2, due_at = NULL, last_error_code = $3, last_error = $4, updated_at = now() WHERE id = $1`,
      [
        post.id,
        status,
        account.status === 'needs_reauth' ? 'needs_reauth' : 'account_disconnected',
        unusable,
      ],
    );
    await logAttempt(tx, {
      postId: post.id,
      companyId: post.company_id,
      attempt: post.attempt_seq,
      event: status,
      workerId: options.workerId,
      errorClass: 'auth',
      message: unusable,
    });
    return { kind: 'skip', reason: unusable };
  }
  if (account.backoff_until && account.backoff_until > now) {
    await tx.query('UPDATE publish_posts SET due_at = $2 WHERE id = $1', [post.id, account.backoff_until]);
    await logAttempt(tx, {
      postId: post.id,
      companyId: post.company_id,
      attempt: post.attempt_seq,
      event: 'deferred',
      workerId: options.workerId,
      message: `account ${account.id} is rate limited until ${account.backoff_until.toISOString()}`,
    });
    return defer(account.backoff_until, 'account backoff');
  }
  const attempt = post.attempt_seq + 1;
  const lookupOnly = post.attempts >= options.maxAttempts;
  const { rows: claimed } = await tx.query<PostRow>(
    `UPDATE publish_posts SET status = 'publishing', attempts = attempts + 1, attempt_seq = $2, lease_attempt = $2,
       lease_until = now() + $3 * interval '1 millisecond', uncertain = $4, updated_at = now()
     WHERE id = $1 RETURNING ${POST_COLUMNS}`,
    [post.id, attempt, options.leaseMs, uncertain],
  );
  await logAttempt(tx, {
    postId: post.id,
    companyId: post.company_id,
    attempt,
    event: 'started',
    workerId: options.workerId,
    message: lookupOnly ? 'checking whether an interrupted attempt published the post' : null,
  });
  const { rows: first } = await tx.query<{ since: Date }>(
    `SELECT min(at) AS since FROM publish_attempts WHERE post_id = $1 AND event = 'started'`,
    [post.id],
  );
  return {
    kind: 'run',
    post: claimed[0]!,
    account,
    attempt,
    uncertain,
    lookupOnly,
    since: first[0]?.since ?? now,
  };
}
