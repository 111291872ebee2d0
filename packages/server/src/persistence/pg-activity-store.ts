import type { Database } from '@ensemble/storage';
import {
  type ActivityBatchStore,
  type ActivityCount,
  type ActivityEntry,
  type ActivityQuery,
  type RoomActivity,
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

/**
 * Rows per statement. They travel as eight array parameters, so this only bounds how long one upsert
 * holds the database — on PGlite, a single thread that the update log's commits wait behind.
 */
const ROWS_PER_STATEMENT = 500;

/**
 * `unnest` of array parameters rather than a VALUES list: one statement text for every batch size,
 * and on PGlite ~10–20 % less CPU at 10–100 rows (bench/sync/db-statements.ts; the upsert of each
 * row is most of the cost beyond that).
 */
const UPSERT = `INSERT INTO room_activity (id, room, type, user_id, user_name, data, at, until)
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[],
                       $7::timestamptz[], $8::timestamptz[])
  ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, until = EXCLUDED.until, user_name = EXCLUDED.user_name`;

/** Activity over `room_activity` (migration 0006) on PGlite or Postgres. */
export class PgActivityStore implements ActivityBatchStore {
  constructor(private readonly db: Database) {}

  write(room: string, entries: ActivityEntry[]): Promise<void> {
    return this.writeMany(entries.map((entry) => ({ room, entry })));
  }

  async writeMany(rows: readonly RoomActivity[]): Promise<void> {
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const batch = rows.slice(i, i + ROWS_PER_STATEMENT);
      // One statement per batch: a flood of edits becomes a handful of upserts, not an INSERT each.
      await this.db.query(UPSERT, [
        batch.map((r) => r.entry.id),
        batch.map((r) => r.room),
        batch.map((r) => r.entry.type),
        batch.map((r) => r.entry.userId),
        batch.map((r) => r.entry.userName),
        batch.map((r) => JSON.stringify(r.entry.data)),
        batch.map((r) => r.entry.at),
        batch.map((r) => r.entry.until),
      ]);
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
