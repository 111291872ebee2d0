import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import type { Database } from '@ensemble/storage';
import type {
  ChatAnchor,
  ChatMessage,
  ChatReaction,
  ChatStats,
  ChatStore,
  CommentQuery,
  ListPage,
  ListQuery,
  MessageFilter,
  NewMessage,
  ReadReceipt,
  SearchQuery,
} from './chat-store.js';

type MessageRow = {
  id: string;
  seq: number;
  user_id: string;
  user_name: string;
  text: string;
  parent_id: string | null;
  anchor: ChatAnchor | null;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
  deleted_by: string | null;
  resolved_at: Date | null;
  resolved_by: string | null;
};

type ReadRow = {
  user_id: string;
  user_name: string;
  last_read_id: string;
  last_read_seq: number;
  read_at: Date;
};

const COLUMNS =
  'id, seq, user_id, user_name, text, parent_id, anchor, created_at, edited_at, deleted_at, deleted_by, resolved_at, resolved_by';

/** Full-text search uses the English configuration (stemming: "deploying" finds "deployed"). */
const TS_CONFIG = 'english';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const toReceipt = (r: ReadRow): ReadReceipt => ({
  userId: r.user_id,
  name: r.user_name,
  upTo: r.last_read_id,
  upToSeq: r.last_read_seq,
  at: r.read_at.toISOString(),
});

/** Appends `user_id = $n`-style clauses for a filter; `params` grows to match. */
function filterClauses(filter: MessageFilter, params: unknown[], table = ''): string[] {
  const clauses: string[] = [];
  if (filter.userId !== undefined) {
    params.push(filter.userId);
    clauses.push(`${table}user_id = $${params.length}`);
  }
  if (filter.from !== undefined) {
    params.push(filter.from);
    clauses.push(`${table}created_at >= $${params.length}`);
  }
  if (filter.to !== undefined) {
    params.push(filter.to);
    clauses.push(`${table}created_at <= $${params.length}`);
  }
  return clauses;
}

const and = (clauses: string[]) => clauses.map((c) => ` AND ${c}`).join('');

/** Chat over `chat_messages`, `chat_reactions` and `chat_reads` (migration 0005) on PGlite or Postgres. */
export class PgChatStore implements ChatStore {
  constructor(private readonly db: Database) {}

  async insert(room: string, m: NewMessage): Promise<ChatMessage> {
    const { rows } = await this.db.query<MessageRow>(
      `INSERT INTO chat_messages (id, room, user_id, user_name, text, parent_id, anchor, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, coalesce($8, now()))
       RETURNING ${COLUMNS}`,
      [
        m.id,
        room,
        m.userId,
        m.userName,
        m.text,
        m.parentId ?? null,
        m.anchor ? JSON.stringify(m.anchor) : null,
        m.at ?? null,
      ],
    );
    return (await this.hydrate(rows))[0]!;
  }

  async get(room: string, id: string): Promise<ChatMessage | null> {
    const { rows } = await this.db.query<MessageRow>(
      `SELECT ${COLUMNS} FROM chat_messages WHERE room = $1 AND id = $2`,
      [room, id],
    );
    return (await this.hydrate(rows))[0] ?? null;
  }

  async edit(room: string, id: string, text: string): Promise<ChatMessage | null> {
    const { rows } = await this.db.query<MessageRow>(
      `UPDATE chat_messages SET text = $3, edited_at = now()
       WHERE room = $1 AND id = $2 AND deleted_at IS NULL RETURNING ${COLUMNS}`,
      [room, id, text],
    );
    return (await this.hydrate(rows))[0] ?? null;
  }

  async softDelete(room: string, id: string, by: string): Promise<ChatMessage | null> {
    const { rows } = await this.db.query<MessageRow>(
      `UPDATE chat_messages SET text = '', deleted_at = now(), deleted_by = $3
       WHERE room = $1 AND id = $2 AND deleted_at IS NULL RETURNING ${COLUMNS}`,
      [room, id, by],
    );
    return (await this.hydrate(rows))[0] ?? null;
  }

  async toggleReaction(
    room: string,
    id: string,
    user: { userId: string; name: string },
    emoji: string,
  ): Promise<{ added: boolean; reactions: ChatReaction[] }> {
    const removed = await this.db.query(
      `DELETE FROM chat_reactions WHERE message_id = $1 AND user_id = $2 AND emoji = $3
       AND EXISTS (SELECT 1 FROM chat_messages WHERE id = $1 AND room = $4)`,
      [id, user.userId, emoji, room],
    );
    let added = false;
    if (removed.rowCount === 0) {
      const inserted = await this.db.query(
        `INSERT INTO chat_reactions (message_id, user_id, user_name, emoji)
         SELECT id, $2, $3, $4 FROM chat_messages WHERE id = $1 AND room = $5
         ON CONFLICT DO NOTHING`,
        [id, user.userId, user.name, emoji, room],
      );
      added = inserted.rowCount > 0;
    }
    const reactions = (await this.reactionsOf([id])).get(id) ?? [];
    return { added, reactions };
  }

  async setResolved(room: string, id: string, resolvedBy: string | null): Promise<ChatMessage | null> {
    const { rows } = await this.db.query<MessageRow>(
      `UPDATE chat_messages
       SET resolved_at = CASE WHEN $3::text IS NULL THEN NULL ELSE now() END, resolved_by = $3::text
       WHERE room = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [room, id, resolvedBy],
    );
    return (await this.hydrate(rows))[0] ?? null;
  }

  async markRead(
    room: string,
    user: { userId: string; name: string },
    messageId: string,
  ): Promise<ReadReceipt | null> {
    const target = await this.db.query<{ seq: number }>(
      'SELECT seq FROM chat_messages WHERE room = $1 AND id = $2',
      [room, messageId],
    );
    const seq = target.rows[0]?.seq;
    if (seq === undefined) return null;
    // The mark only moves forward: a late receipt for an older message changes nothing.
    await this.db.query(
      `INSERT INTO chat_reads (room, user_id, user_name, last_read_seq, last_read_id)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (room, user_id) DO UPDATE
       SET last_read_seq = EXCLUDED.last_read_seq, last_read_id = EXCLUDED.last_read_id,
           user_name = EXCLUDED.user_name, read_at = now()
       WHERE chat_reads.last_read_seq < EXCLUDED.last_read_seq`,
      [room, user.userId, user.name, seq, messageId],
    );
    const { rows } = await this.db.query<ReadRow>(
      'SELECT user_id, user_name, last_read_id, last_read_seq, read_at FROM chat_reads WHERE room = $1 AND user_id = $2',
      [room, user.userId],
    );
    return rows[0] ? toReceipt(rows[0]) : null;
  }

  async reads(room: string): Promise<ReadReceipt[]> {
    const { rows } = await this.db.query<ReadRow>(
      'SELECT user_id, user_name, last_read_id, last_read_seq, read_at FROM chat_reads WHERE room = $1 ORDER BY user_id',
      [room],
    );
    return rows.map(toReceipt);
  }

  async unread(room: string, userId: string): Promise<{ count: number; lastRead: string | null }> {
    const { rows } = await this.db.query<{ count: number; last_read_id: string | null }>(
      `SELECT r.last_read_id,
              (SELECT count(*) FROM chat_messages m
               WHERE m.room = $1 AND m.user_id <> $2 AND m.deleted_at IS NULL
                 AND m.seq > coalesce(r.last_read_seq, 0)) AS count
       FROM (SELECT 1) one
       LEFT JOIN chat_reads r ON r.room = $1 AND r.user_id = $2`,
      [room, userId],
    );
    return { count: rows[0]?.count ?? 0, lastRead: rows[0]?.last_read_id ?? null };
  }

  async list(room: string, query: ListQuery): Promise<ListPage> {
    const params: unknown[] = [room];
    const clauses: string[] = [];
    if (query.threadOf !== undefined) {
      await this.requireMessage(room, query.threadOf, 'threadOf');
      params.push(query.threadOf);
      clauses.push(`parent_id = $${params.length}`);
    } else {
      clauses.push('parent_id IS NULL', 'anchor IS NULL');
    }
    if (query.before !== undefined) {
      const seq = await this.requireMessage(room, query.before, 'before');
      params.push(seq);
      clauses.push(`seq < $${params.length}`);
    }
    clauses.push(...filterClauses(query, params));
    params.push(query.limit + 1);
    const { rows } = await this.db.query<MessageRow>(
      `SELECT ${COLUMNS} FROM chat_messages WHERE room = $1${and(clauses)}
       ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    );
    const more = rows.length > query.limit;
    const page = await this.hydrate(rows.slice(0, query.limit));
    return { messages: page, nextBefore: more ? (page.at(-1)?.id ?? null) : null };
  }

  async search(room: string, query: SearchQuery): Promise<ChatMessage[]> {
    const params: unknown[] = [room, query.q];
    const clauses = filterClauses(query, params);
    params.push(query.limit);
    const { rows } = await this.db.query<MessageRow>(
      `SELECT ${COLUMNS} FROM chat_messages, websearch_to_tsquery('${TS_CONFIG}', $2) AS q
       WHERE room = $1 AND deleted_at IS NULL AND search @@ q${and(clauses)}
       ORDER BY ts_rank(search, q) DESC, seq DESC LIMIT $${params.length}`,
      params,
    );
    return this.hydrate(rows);
  }

  async stats(room: string, filter: MessageFilter): Promise<ChatStats> {
    const params: unknown[] = [room];
    const where = `room = $1${and(filterClauses(filter, params))}`;
    const totals = await this.db.query<{
      messages: number;
      replies: number;
      deleted: number;
      open: number;
      resolved: number;
    }>(
      `SELECT count(*) FILTER (WHERE deleted_at IS NULL) AS messages,
              count(*) FILTER (WHERE deleted_at IS NULL AND parent_id IS NOT NULL) AS replies,
              count(*) FILTER (WHERE deleted_at IS NOT NULL) AS deleted,
              count(*) FILTER (WHERE deleted_at IS NULL AND anchor IS NOT NULL AND parent_id IS NULL
                               AND resolved_at IS NULL) AS open,
              count(*) FILTER (WHERE deleted_at IS NULL AND anchor IS NOT NULL AND parent_id IS NULL
                               AND resolved_at IS NOT NULL) AS resolved
       FROM chat_messages WHERE ${where}`,
      params,
    );
    // The newest name a user posted under labels their row (names can change between tokens).
    const users = await this.db.query<{ user_id: string; name: string; messages: number }>(
      `SELECT user_id, (array_agg(user_name ORDER BY seq DESC))[1] AS name, count(*) AS messages
       FROM chat_messages WHERE ${where} AND deleted_at IS NULL
       GROUP BY user_id ORDER BY count(*) DESC, user_id`,
      params,
    );
    const days = await this.db.query<{ day: string; messages: number }>(
      `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*) AS messages
       FROM chat_messages WHERE ${where} AND deleted_at IS NULL GROUP BY 1 ORDER BY 1`,
      params,
    );
    const joinedParams: unknown[] = [room];
    const joinedWhere = `m.room = $1${and(filterClauses(filter, joinedParams, 'm.'))}`;
    const emojis = await this.db.query<{ emoji: string; count: number }>(
      `SELECT r.emoji, count(*) AS count FROM chat_reactions r
       JOIN chat_messages m ON m.id = r.message_id
       WHERE ${joinedWhere} AND m.deleted_at IS NULL
       GROUP BY r.emoji ORDER BY count(*) DESC, r.emoji`,
      joinedParams,
    );
    const t = totals.rows[0]!;
    return {
      messages: t.messages,
      replies: t.replies,
      deleted: t.deleted,
      users: users.rows.map((u) => ({ userId: u.user_id, name: u.name, messages: u.messages })),
      days: days.rows,
      reactions: {
        total: emojis.rows.reduce((sum, e) => sum + e.count, 0),
        byEmoji: emojis.rows,
      },
      comments: { open: t.open, resolved: t.resolved },
    };
  }

  async comments(room: string, query: CommentQuery): Promise<(ChatMessage & { replies: ChatMessage[] })[]> {
    const params: unknown[] = [room];
    const clauses = ['anchor IS NOT NULL', 'parent_id IS NULL'];
    if (query.target !== undefined) {
      params.push(query.target);
      clauses.push(`(anchor->>'id' = $${params.length} OR anchor->>'field' = $${params.length})`);
    }
    if (query.resolved !== undefined)
      clauses.push(query.resolved ? 'resolved_at IS NOT NULL' : 'resolved_at IS NULL');
    // A deleted comment stays listed only while its thread still has replies.
    clauses.push(`(deleted_at IS NULL OR EXISTS (
      SELECT 1 FROM chat_messages r WHERE r.parent_id = chat_messages.id AND r.deleted_at IS NULL))`);
    const roots = await this.db.query<MessageRow>(
      `SELECT ${COLUMNS} FROM chat_messages WHERE room = $1${and(clauses)} ORDER BY seq LIMIT 1000`,
      params,
    );
    if (roots.rows.length === 0) return [];
    const replies = await this.db.query<MessageRow>(
      `SELECT ${COLUMNS} FROM chat_messages WHERE room = $1 AND parent_id = ANY($2::uuid[]) ORDER BY seq`,
      [room, roots.rows.map((r) => r.id)],
    );
    const all = await this.hydrate([...roots.rows, ...replies.rows]);
    const comments = all.slice(0, roots.rows.length).map((c) => ({ ...c, replies: [] as ChatMessage[] }));
    const byId = new Map(comments.map((c) => [c.id, c]));
    for (const reply of all.slice(roots.rows.length)) byId.get(reply.parentId!)?.replies.push(reply);
    return comments;
  }

  async exportMessages(room: string, filter: MessageFilter, limit: number): Promise<ChatMessage[]> {
    const params: unknown[] = [room];
    const clauses = filterClauses(filter, params);
    params.push(limit);
    const { rows } = await this.db.query<MessageRow>(
      `SELECT ${COLUMNS} FROM chat_messages WHERE room = $1 AND deleted_at IS NULL${and(clauses)}
       ORDER BY seq LIMIT $${params.length}`,
      params,
    );
    return this.hydrate(rows);
  }

  async recent(room: string, limit: number): Promise<ChatMessage[]> {
    const { rows } = await this.db.query<MessageRow>(
      `SELECT * FROM (
         SELECT ${COLUMNS} FROM chat_messages WHERE room = $1 AND deleted_at IS NULL ORDER BY seq DESC LIMIT $2
       ) newest ORDER BY seq`,
      [room, limit],
    );
    return this.hydrate(rows);
  }

  /** The message's seq; a clear error when a cursor or thread id is not a message of this room. */
  private async requireMessage(room: string, id: string, what: string): Promise<number> {
    const { rows } = await this.db.query<{ seq: number }>(
      'SELECT seq FROM chat_messages WHERE room = $1 AND id = $2',
      [room, id],
    );
    if (!rows[0]) throw new EnsembleError(ErrorCode.NotFound, `${what}: no message ${id} in this room`);
    return rows[0].seq;
  }

  /** Rows → messages with their reactions and reply counts (two queries for the whole batch). */
  private async hydrate(rows: MessageRow[]): Promise<ChatMessage[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const reactions = await this.reactionsOf(ids);
    const counts = await this.db.query<{ parent_id: string; n: number }>(
      `SELECT parent_id, count(*) AS n FROM chat_messages
       WHERE parent_id = ANY($1::uuid[]) AND deleted_at IS NULL GROUP BY parent_id`,
      [ids],
    );
    const replyCount = new Map(counts.rows.map((c) => [c.parent_id, c.n]));
    return rows.map((r) => ({
      id: r.id,
      seq: r.seq,
      userId: r.user_id,
      userName: r.user_name,
      text: r.text,
      parentId: r.parent_id,
      anchor: r.anchor,
      createdAt: r.created_at.toISOString(),
      editedAt: iso(r.edited_at),
      deletedAt: iso(r.deleted_at),
      deletedBy: r.deleted_by,
      resolvedAt: iso(r.resolved_at),
      resolvedBy: r.resolved_by,
      reactions: reactions.get(r.id) ?? [],
      replyCount: replyCount.get(r.id) ?? 0,
    }));
  }

  private async reactionsOf(ids: string[]): Promise<Map<string, ChatReaction[]>> {
    const { rows } = await this.db.query<{
      message_id: string;
      emoji: string;
      user_id: string;
      user_name: string;
    }>(
      `SELECT message_id, emoji, user_id, user_name FROM chat_reactions
       WHERE message_id = ANY($1::uuid[]) ORDER BY created_at, user_id, emoji`,
      [ids],
    );
    const result = new Map<string, ChatReaction[]>();
    for (const row of rows) {
      const list = result.get(row.message_id) ?? [];
      let reaction = list.find((x) => x.emoji === row.emoji);
      if (!reaction) {
        reaction = { emoji: row.emoji, count: 0, users: [] };
        list.push(reaction);
      }
      reaction.count++;
      reaction.users.push({ userId: row.user_id, name: row.user_name });
      result.set(row.message_id, list);
    }
    return result;
  }
}
