import { randomUUID } from 'node:crypto';
import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import type { Database, Queryable } from '@ensemble/storage';
import { getAccountRow } from './accounts.js';
import { type Caller, requireMember } from './caller.js';
import { requireClient } from './clients.js';
import { ensureCompany } from './companies.js';
import { PublishConflictError, PublishErrorCode } from './errors.js';
import type { PostQueue } from './post-queue.js';
import { assertPublishable, assertScheduleTime, assertTimeZone } from './post-validation.js';
import { getPostRow, POST_COLUMNS } from './posts-read.js';
import { joinStoredMedia, type ProductCard, publishedText, splitStoredMedia } from './product-card.js';
import { type AccountRow, type PostRow, toPost } from './rows.js';
import { EDITABLE_STATUSES, type Media, type Post } from './types.js';

export interface PostDeps {
  db: Database;
  queue: PostQueue;
  now?: () => Date;
}

export interface CreatePostInput {
  accountId: string;
  clientId?: string | null | undefined;
  content: string;
  media: Media[];
  product?: ProductCard | null | undefined;
  /** Required unless `draft`. */
  scheduledAt?: Date | null | undefined;
  timeZone: string;
  draft?: boolean | undefined;
}

export interface UpdatePostInput {
  accountId?: string | undefined;
  content?: string | undefined;
  media?: Media[] | undefined;
  /** A product card to attach, or null to remove the attached one. */
  product?: ProductCard | null | undefined;
  scheduledAt?: Date | undefined;
  timeZone?: string | undefined;
  /** The version the caller edited; a newer stored version is a 409 instead of a lost update. */
  version?: number | undefined;
}

/** Millisecond precision everywhere, so keyset cursors (which carry JS dates) are exact. */
function nowOf(deps: PostDeps): Date {
  return new Date(Math.floor((deps.now?.() ?? new Date()).getTime()));
}

function assertAccountUsable(account: AccountRow): void {
  if (account.disconnected_at) {
    throw new PublishConflictError(
      PublishErrorCode.AccountUnavailable,
      `account ${account.id} is disconnected`,
    );
  }
  if (account.status === 'needs_reauth') {
    throw new PublishConflictError(
      PublishErrorCode.AccountUnavailable,
      `account ${account.id} needs to be reconnected: ${account.status_reason ?? 'its token is no longer valid'}`,
    );
  }
}

/** An account's client, if any, decides the post's client; a contradicting clientId is a mistake. */
async function resolveClient(
  tx: Queryable,
  companyId: string,
  account: AccountRow,
  clientId: string | null | undefined,
): Promise<string | null> {
  if (clientId) await requireClient(tx, companyId, clientId);
  if (account.client_id && clientId && clientId !== account.client_id) {
    throw new EnsembleError(ErrorCode.BadRequest, `account ${account.id} belongs to another client`);
  }
  return account.client_id ?? clientId ?? null;
}

export async function createPost(
  deps: PostDeps,
  caller: Caller,
  companyId: string,
  input: CreatePostInput,
): Promise<Post> {
  requireMember(caller, companyId);
  assertTimeZone(input.timeZone);
  const now = nowOf(deps);
  const scheduledAt = input.scheduledAt ?? null;
  if (!input.draft) {
    if (!scheduledAt)
      throw new EnsembleError(ErrorCode.BadRequest, 'scheduledAt is required unless draft is true');
    assertScheduleTime(scheduledAt, now);
  }
  await deps.queue.prepare();
  return deps.db.transaction(async (tx) => {
    await ensureCompany(tx, companyId);
    const account = await getAccountRow(tx, companyId, input.accountId);
    assertAccountUsable(account);
    const product = input.product ?? null;
    assertPublishable(account.platform, publishedText(input.content, product), input.media);
    const clientId = await resolveClient(tx, companyId, account, input.clientId);
    const id = randomUUID();
    const status = input.draft ? 'draft' : 'scheduled';
    const { rows } = await tx.query<PostRow>(
      `INSERT INTO publish_posts (id, company_id, client_id, account_id, author_id, content, media, scheduled_at,
         time_zone, status, due_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12, $12) RETURNING ${POST_COLUMNS}`,
      [
        id,
        companyId,
        clientId,
        account.id,
        caller.userId,
        input.content,
        JSON.stringify(joinStoredMedia(input.media, product)),
        scheduledAt,
        input.timeZone,
        status,
        input.draft ? null : scheduledAt,
        now,
      ],
    );
    if (!input.draft && scheduledAt) await deps.queue.schedule(tx, id, scheduledAt);
    return toPost(rows[0]!);
  });
}

function assertEditable(row: PostRow, action: string, version?: number): void {
  if (!EDITABLE_STATUSES.includes(row.status)) {
    throw new PublishConflictError(
      PublishErrorCode.InvalidState,
      `cannot ${action} post ${row.id}: it is ${row.status} (only draft or scheduled posts can be changed)`,
    );
  }
  if (version !== undefined && version !== row.version) {
    throw new PublishConflictError(
      PublishErrorCode.VersionConflict,
      `post ${row.id} changed since version ${version} (now ${row.version}); reload it and try again`,
    );
  }
}

/**
 * Edits or reschedules a draft or scheduled post. The row lock serializes this with the worker's
 * claim: either the edit lands first (and the worker publishes the edited post at its new time) or
 * the claim does (and the edit is refused because the post is publishing).
 */
export async function updatePost(
  deps: PostDeps,
  caller: Caller,
  companyId: string,
  postId: string,
  input: UpdatePostInput,
): Promise<Post> {
  requireMember(caller, companyId);
  if (input.timeZone !== undefined) assertTimeZone(input.timeZone);
  const now = nowOf(deps);
  if (input.scheduledAt) assertScheduleTime(input.scheduledAt, now);
  await deps.queue.prepare();
  return deps.db.transaction(async (tx) => {
    const row = await getPostRow(tx, companyId, postId, true);
    assertEditable(row, 'edit', input.version);
    const account = await getAccountRow(tx, companyId, input.accountId ?? row.account_id);
    if (input.accountId !== undefined) assertAccountUsable(account);
    const content = input.content ?? row.content;
    const stored = splitStoredMedia(row.media);
    const media = input.media ?? stored.media;
    const product = input.product !== undefined ? input.product : stored.product;
    assertPublishable(account.platform, publishedText(content, product), media);
    const clientId =
      input.accountId !== undefined
        ? await resolveClient(tx, companyId, account, row.client_id)
        : row.client_id;
    const scheduledAt = input.scheduledAt ?? row.scheduled_at;
    const { rows } = await tx.query<PostRow>(
      `UPDATE publish_posts SET account_id = $2, client_id = $3, content = $4, media = $5::jsonb, scheduled_at = $6,
         time_zone = $7, due_at = CASE WHEN status = 'scheduled' THEN $6 ELSE due_at END,
         version = version + 1, updated_at = $8
       WHERE id = $1 RETURNING ${POST_COLUMNS}`,
      [
        postId,
        account.id,
        clientId,
        content,
        JSON.stringify(joinStoredMedia(media, product)),
        scheduledAt,
        input.timeZone ?? row.time_zone,
        now,
      ],
    );
    const updated = rows[0]!;
    if (updated.status === 'scheduled' && input.scheduledAt)
      await deps.queue.schedule(tx, postId, input.scheduledAt);
    return toPost(updated);
  });
}

/** Turns a draft into a scheduled post (at its stored time, or the one given). */
export async function scheduleDraft(
  deps: PostDeps,
  caller: Caller,
  companyId: string,
  postId: string,
  input: { scheduledAt?: Date | undefined; version?: number | undefined },
): Promise<Post> {
  requireMember(caller, companyId);
  const now = nowOf(deps);
  await deps.queue.prepare();
  return deps.db.transaction(async (tx) => {
    const row = await getPostRow(tx, companyId, postId, true);
    if (row.status !== 'draft') {
      throw new PublishConflictError(
        PublishErrorCode.InvalidState,
        `post ${postId} is ${row.status}, not a draft`,
      );
    }
    assertEditable(row, 'schedule', input.version);
    const at = input.scheduledAt ?? row.scheduled_at;
    if (!at)
      throw new EnsembleError(ErrorCode.BadRequest, 'scheduledAt is required: the draft has no time yet');
    assertScheduleTime(at, now);
    assertAccountUsable(await getAccountRow(tx, companyId, row.account_id));
    const { rows } = await tx.query<PostRow>(
      `UPDATE publish_posts SET status = 'scheduled', scheduled_at = $2, due_at = $2, version = version + 1, updated_at = $3
       WHERE id = $1 RETURNING ${POST_COLUMNS}`,
      [postId, at, now],
    );
    await deps.queue.schedule(tx, postId, at);
    return toPost(rows[0]!);
  });
}

/**
 * Cancels a post that has not started publishing. The conditional UPDATE and the worker's claim
 * both take the row lock, so exactly one wins: a cancelled post is never published, and a post
 * already publishing cannot be cancelled (409). Its queued job, if any, finds it cancelled and ends.
 */
export async function cancelPost(
  deps: PostDeps,
  caller: Caller,
  companyId: string,
  postId: string,
): Promise<Post> {
  requireMember(caller, companyId);
  const now = nowOf(deps);
  return deps.db.transaction(async (tx) => {
    const row = await getPostRow(tx, companyId, postId, true);
    assertEditable(row, 'cancel');
    const { rows } = await tx.query<PostRow>(
      `UPDATE publish_posts SET status = 'cancelled', due_at = NULL, version = version + 1, updated_at = $2
       WHERE id = $1 RETURNING ${POST_COLUMNS}`,
      [postId, now],
    );
    return toPost(rows[0]!);
  });
}

/**
 * Starts a new attempt cycle for a failed (or unconfirmed) post, due now. The `uncertain` flag is
 * kept: if an earlier attempt may have reached the platform, the worker still looks before posting.
 */
export async function retryPost(
  deps: PostDeps,
  caller: Caller,
  companyId: string,
  postId: string,
): Promise<Post> {
  requireMember(caller, companyId);
  const now = nowOf(deps);
  await deps.queue.prepare();
  return deps.db.transaction(async (tx) => {
    const row = await getPostRow(tx, companyId, postId, true);
    if (row.status !== 'failed' && row.status !== 'unconfirmed') {
      throw new PublishConflictError(
        PublishErrorCode.InvalidState,
        `cannot retry post ${postId}: it is ${row.status} (only failed or unconfirmed posts can be retried)`,
      );
    }
    assertAccountUsable(await getAccountRow(tx, companyId, row.account_id));
    const { rows } = await tx.query<PostRow>(
      `UPDATE publish_posts SET status = 'scheduled', attempts = 0, due_at = $2, last_error_code = NULL,
         last_error = NULL, version = version + 1, updated_at = $2
       WHERE id = $1 RETURNING ${POST_COLUMNS}`,
      [postId, now],
    );
    await deps.queue.schedule(tx, postId, now);
    return toPost(rows[0]!);
  });
}
