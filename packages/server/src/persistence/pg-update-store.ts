import type { Database } from '@ensemble/storage';
import type { LogRecord, StoredRoom, UpdateEntry, UpdateStore } from './update-store.js';

/**
 * Rows per INSERT. The rows travel as three array parameters (not 3 parameters each), so Postgres'
 * 65,535-parameter limit no longer applies; this only bounds the size of one statement.
 */
const ROWS_PER_STATEMENT = 5_000;

/**
 * Three array parameters instead of a VALUES list with three per row: one statement text for every
 * batch size, and on PGlite less CPU per statement from ~10 rows up (bench/sync/db-statements.ts).
 * `ORDER BY i` makes the identity values follow the input order; RETURNING's own order is not
 * promised by Postgres, so `append` sorts what comes back.
 */
const INSERT_UPDATES = `INSERT INTO sync_updates (room, author, update)
  SELECT room, author, update
  FROM unnest($1::text[], $2::text[], $3::bytea[]) WITH ORDINALITY AS t(room, author, update, i)
  ORDER BY i
  RETURNING seq`;

/** Advisory-lock class of per-room append serialization (two-int keyspace: no clash with migrations). */
const ROOM_APPEND_LOCK_CLASS = 0x656e73;

export interface PgUpdateStoreOptions {
  /**
   * Cluster mode: appends to one room are serialized across nodes (an advisory lock per room held
   * until commit), so a room's committed log is always a gap-free prefix of its sequence numbers —
   * what lets a node re-sync with "everything after seq N" and snapshot "up to N" safely.
   */
  serializeRooms?: boolean;
}

/** The update log in `sync_updates` / `sync_snapshots` (migration 0003), on PGlite or Postgres. */
export class PgUpdateStore implements UpdateStore {
  constructor(
    private readonly db: Database,
    private readonly options: PgUpdateStoreOptions = {},
  ) {}

  async load(room: string): Promise<StoredRoom> {
    const snap = await this.db.query<{ state: Uint8Array; upto_seq: number }>(
      'SELECT state, upto_seq FROM sync_snapshots WHERE room = $1',
      [room],
    );
    const from = snap.rows[0]?.upto_seq ?? 0;
    const { rows } = await this.db.query<{ update: Uint8Array; seq: number }>(
      'SELECT update, seq FROM sync_updates WHERE room = $1 AND seq > $2 ORDER BY seq',
      [room, from],
    );
    return {
      snapshot: snap.rows[0]?.state ?? null,
      updates: rows.map((r) => r.update),
      lastSeq: rows.at(-1)?.seq ?? from,
    };
  }

  async append(entries: readonly UpdateEntry[]): Promise<number[]> {
    if (entries.length === 0) return [];
    const run = async (q: Pick<Database, 'query'>) => {
      const seqs: number[] = [];
      for (let start = 0; start < entries.length; start += ROWS_PER_STATEMENT) {
        const chunk = entries.slice(start, start + ROWS_PER_STATEMENT);
        const { rows } = await q.query<{ seq: number }>(INSERT_UPDATES, [
          chunk.map((e) => e.room),
          chunk.map((e) => e.author),
          chunk.map((e) => e.update),
        ]);
        // Sequence numbers of one statement were drawn in input order, so ascending = input order.
        seqs.push(...rows.map((r) => r.seq).sort((a, b) => a - b));
      }
      return seqs;
    };
    if (this.options.serializeRooms) {
      return this.db.transaction(async (tx) => {
        // Sorted, so two nodes appending to the same rooms cannot deadlock.
        const rooms = [...new Set(entries.map((e) => e.room))].sort();
        await tx.query(
          `SELECT pg_advisory_xact_lock($1::int, hashtext(r)) FROM unnest($2::text[]) WITH ORDINALITY AS t(r, i) ORDER BY i`,
          [ROOM_APPEND_LOCK_CLASS, rooms],
        );
        return run(tx);
      });
    }
    return entries.length > ROWS_PER_STATEMENT ? this.db.transaction(run) : run(this.db);
  }

  async saveSnapshot(
    room: string,
    state: Uint8Array,
    upToSeq: number,
    retainHistoryMs?: number,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO sync_snapshots (room, upto_seq, state) VALUES ($1, $2, $3)
         ON CONFLICT (room) DO UPDATE SET upto_seq = EXCLUDED.upto_seq, state = EXCLUDED.state, created_at = now()
         WHERE sync_snapshots.upto_seq <= EXCLUDED.upto_seq`,
        [room, upToSeq, state],
      );
      if (retainHistoryMs !== undefined) {
        await tx.query(
          `DELETE FROM sync_updates WHERE room = $1 AND seq <= $2
             AND created_at < now() - ($3::double precision * interval '1 millisecond')`,
          [room, upToSeq, retainHistoryMs],
        );
      }
    });
  }

  async history(room: string, options: { afterSeq?: number; limit?: number } = {}): Promise<LogRecord[]> {
    const { rows } = await this.db.query<{
      seq: number;
      author: string;
      created_at: Date;
      update: Uint8Array;
    }>(
      `SELECT seq, author, created_at, update FROM sync_updates WHERE room = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [room, options.afterSeq ?? 0, options.limit ?? 10_000],
    );
    return rows.map((r) => ({ seq: r.seq, author: r.author, at: r.created_at, update: r.update }));
  }
}
