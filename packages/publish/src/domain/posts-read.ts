import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import type { Queryable } from '@ensemble/storage';
import { type Caller, notFound, requireMember } from './caller.js';
import { type AttemptRow, type PostRow, toAttempt, toPost } from './rows.js';
import type { Post, PostStatus, PostWithAttempts } from './types.js';

export const POST_COLUMNS = `id, company_id, client_id, account_id, author_id, content, media, scheduled_at, time_zone,
  status, version, attempts, attempt_seq, due_at, lease_attempt, lease_until, uncertain, platform_state,
  last_error_code, last_error, external_id, external_url, published_at, created_at, updated_at`;

export async function getPostRow(
  db: Queryable,
  companyId: string,
  postId: string,
  lock = false,
): Promise<PostRow> {
  const { rows } = await db.query<PostRow>(
    `SELECT ${POST_COLUMNS} FROM publish_posts WHERE company_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
    [companyId, postId],
  );
  if (!rows[0]) throw notFound(`post ${postId}`);
  return rows[0];
}

export async function getPost(
  db: Queryable,
  caller: Caller,
  companyId: string,
  postId: string,
): Promise<PostWithAttempts> {
  requireMember(caller, companyId);
  const row = await getPostRow(db, companyId, postId);
  const { rows } = await db.query<AttemptRow>(
    `SELECT id, attempt, event, worker_id, error_class, error_code, message, http_status, external_id, at
     FROM publish_attempts WHERE post_id = $1 ORDER BY id`,
    [postId],
  );
  return { ...toPost(row), attemptLog: rows.map(toAttempt) };
}

export interface ListPostsQuery {
  status?: PostStatus | undefined;
  clientId?: string | undefined;
  limit: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string | undefined;
}

export interface PostPage {
  posts: Post[];
  nextCursor: string | null;
}

function encodeCursor(row: PostRow & { sort_at: Date }): string {
  return Buffer.from(`${row.sort_at.getTime()}:${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { sortAt: Date; id: string } {
  const [ms, id] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  const sortAt = new Date(Number(ms));
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(sortAt.getTime())) {
    throw new EnsembleError(ErrorCode.BadRequest, 'cursor is not one this API returned');
  }
  return { sortAt, id };
}

/**
 * Newest first (by scheduled time, or creation for drafts), keyset-paginated so page 1,000 costs
 * the same as page 1: each query is a range scan of (company_id[, status], sort_at, id).
 * All post timestamps are written with millisecond precision, so the cursor is exact.
 */
export async function listPosts(
  db: Queryable,
  caller: Caller,
  companyId: string,
  query: ListPostsQuery,
): Promise<PostPage> {
  requireMember(caller, companyId);
  const where = ['company_id = $1'];
  const params: unknown[] = [companyId];
  if (query.status) {
    params.push(query.status);
    where.push(`status = $${params.length}`);
  }
  if (query.clientId) {
    params.push(query.clientId);
    where.push(`client_id = $${params.length}`);
  }
  if (query.cursor) {
    const { sortAt, id } = decodeCursor(query.cursor);
    params.push(sortAt, id);
    where.push(`(sort_at, id) < ($${params.length - 1}, $${params.length}::uuid)`);
  }
  params.push(query.limit + 1);
  const { rows } = await db.query<PostRow & { sort_at: Date }>(
    `SELECT ${POST_COLUMNS}, sort_at FROM publish_posts WHERE ${where.join(' AND ')}
     ORDER BY sort_at DESC, id DESC LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    posts: page.map(toPost),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
}
