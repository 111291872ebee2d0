import type { Database } from '@ensemble/storage';
import {
  type ActivityCount,
  type ActivityEntry,
  type ActivityQuery,
  type ActivityStore,
  unknownCursor,
} from './activity-store.js';

type EntryRow = {
  id: string;
  type: string;
  user_id: string;
  user_name: string;
  data: Record<string, unknown>;
  at: Date;
  until: Date;
};

const toEntry = (r: EntryRow): ActivityEntry => ({
  id: r.id,
  type: r.type,
  userId: r.user_id,
  userName: r.user_name,
  data: r.data,
  at: r.at.toISOString(),
  until: r.until.toISOString(),
});

/** 8 parameters per row keeps one statement far below Postgres's 65,535-parameter limit. */
const ROWS_PER_STATEMENT = 1_000;

/** Activity over `room_activity` (migration 0006) on PGlite or Postgres. */
export class PgActivityStore implements ActivityStore {
  constructor(private readonly db: Database) {}

  async write(room: string, entries: ActivityEntry[]): Promise<void> {
    for (let i = 0; i < entries.length; i += ROWS_PER_STATEMENT) {
      const batch = entries.slice(i, i + ROWS_PER_STATEMENT);
      const params: unknown[] = [];
      const values = batch.map((e) => {
        params.push(e.id, room, e.type, e.userId, e.userName, JSON.stringify(e.data), e.at, e.until);
        const n = params.length;
        return `($${n - 7}, $${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}::jsonb, $${n - 1}, $${n})`;
      });
      // One statement per batch: a flood of edits becomes a handful of upserts, not an INSERT each.
      await this.db.query(
        `INSERT INTO room_activity (id, room, type, user_id, user_name, data, at, until)
         VALUES ${values.join(', ')}
         ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, until = EXCLUDED.until, user_name = EXCLUDED.user_name`,
        params,
      );
    }
  }

  async list(room: string, query: ActivityQuery): Promise<ActivityEntry[]> {
    const params: unknown[] = [room];
    const where = ['room = $1'];
    const add = (clause: (n: number) => string, value: unknown) => {
      params.push(value);
      where.push(clause(params.length));
    };
    if (query.before !== undefined) {
      const { rows } = await this.db.query<{ at: Date; seq: number }>(
        'SELECT at, seq FROM room_activity WHERE room = $1 AND id::text = $2',
        [room, query.before],
      );
      if (!rows[0]) throw unknownCursor(query.before);
      params.push(rows[0].at, rows[0].seq);
      where.push(`(at, seq) < ($${params.length - 1}, $${params.length})`);
    }
    if (query.since) add((n) => `at >= $${n}`, query.since);
    if (query.until) add((n) => `at <= $${n}`, query.until);
    if (query.types?.length) add((n) => `type = ANY($${n})`, query.types);
    if (query.userId !== undefined) add((n) => `user_id = $${n}`, query.userId);
    params.push(query.limit);
    const { rows } = await this.db.query<EntryRow>(
      `SELECT id, type, user_id, user_name, data, at, until FROM room_activity
       WHERE ${where.join(' AND ')} ORDER BY at DESC, seq DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toEntry);
  }

  async counts(room: string, since: Date): Promise<ActivityCount[]> {
    const { rows } = await this.db.query<{
      user_id: string;
      user_name: string;
      type: string;
      entries: number;
      edits: number;
      last_at: Date;
    }>(
      `SELECT user_id, max(user_name) AS user_name, type, count(*)::int AS entries,
              coalesce(sum(CASE WHEN jsonb_typeof(data->'edits') = 'number' THEN (data->>'edits')::int END), 0)::int AS edits,
              max(until) AS last_at
       FROM room_activity WHERE room = $1 AND until >= $2 GROUP BY user_id, type`,
      [room, since],
    );
    return rows.map((r) => ({
      userId: r.user_id,
      userName: r.user_name,
      type: r.type,
      entries: r.entries,
      edits: r.edits,
      lastAt: r.last_at.toISOString(),
    }));
  }
}
