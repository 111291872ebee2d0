import type { Database } from '@ensemble/storage';
import type { Checkpoint, HistoryPoint, HistoryStore } from './history-store.js';
import type { LogRecord } from './update-store.js';

type CheckpointRow = {
  id: number;
  upto_seq: number;
  created_at: Date;
  name: string | null;
  author: string | null;
};

const toCheckpoint = (r: CheckpointRow): Checkpoint => ({
  id: r.id,
  seq: r.upto_seq,
  at: r.created_at,
  name: r.name,
  author: r.author,
});

/** History over `sync_checkpoints` + `sync_updates` (migrations 0003, 0004). */
export class PgHistoryStore implements HistoryStore {
  constructor(private readonly db: Database) {}

  async addCheckpoint(
    room: string,
    seq: number,
    state: Uint8Array,
    name: string | null = null,
    author: string | null = null,
    at: Date | null = null,
  ): Promise<Checkpoint> {
    const { rows } = await this.db.query<CheckpointRow>(
      `INSERT INTO sync_checkpoints (room, upto_seq, state, name, author, created_at)
       VALUES ($1, $2, $3, $4, $5, COALESCE($6::timestamptz, now()))
       RETURNING id, upto_seq, created_at, name, author`,
      [room, seq, state, name, author, at],
    );
    return toCheckpoint(rows[0]!);
  }

  async checkpoints(room: string): Promise<Checkpoint[]> {
    const { rows } = await this.db.query<CheckpointRow>(
      'SELECT id, upto_seq, created_at, name, author FROM sync_checkpoints WHERE room = $1 ORDER BY upto_seq, id',
      [room],
    );
    return rows.map(toCheckpoint);
  }

  async checkpointAtOrBefore(
    room: string,
    point: HistoryPoint,
  ): Promise<(Checkpoint & { state: Uint8Array }) | null> {
    // A checkpoint covers updates up to upto_seq; for a moment, it must not contain later updates.
    // Its created_at is never earlier than a covered update's (see addCheckpoint), so
    // `created_at <= moment` proves that with one index range instead of a scan of the log.
    const { rows } = await this.db.query<CheckpointRow & { state: Uint8Array }>(
      'seq' in point
        ? `SELECT id, upto_seq, created_at, name, author, state FROM sync_checkpoints
           WHERE room = $1 AND upto_seq <= $2 ORDER BY upto_seq DESC, id DESC LIMIT 1`
        : `SELECT id, upto_seq, created_at, name, author, state FROM sync_checkpoints
           WHERE room = $1 AND created_at <= $2 ORDER BY upto_seq DESC, id DESC LIMIT 1`,
      [room, 'seq' in point ? point.seq : point.at],
    );
    const row = rows[0];
    return row ? { ...toCheckpoint(row), state: row.state } : null;
  }

  async firstSeqLaterThan(room: string, afterSeq: number, at: Date): Promise<number | null> {
    // Walks the primary key forward from afterSeq and stops at the first later update.
    const { rows } = await this.db.query<{ seq: number }>(
      'SELECT seq FROM sync_updates WHERE room = $1 AND seq > $2 AND created_at > $3 ORDER BY seq LIMIT 1',
      [room, afterSeq, at],
    );
    return rows[0]?.seq ?? null;
  }

  async updatesUntil(
    room: string,
    afterSeq: number,
    point: HistoryPoint,
    limit = 1_000_000,
  ): Promise<LogRecord[]> {
    const { rows } = await this.db.query<{
      seq: number;
      author: string;
      created_at: Date;
      update: Uint8Array;
    }>(
      'seq' in point
        ? 'SELECT seq, author, created_at, update FROM sync_updates WHERE room = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4'
        : 'SELECT seq, author, created_at, update FROM sync_updates WHERE room = $1 AND seq > $2 AND created_at <= $3 ORDER BY seq LIMIT $4',
      [room, afterSeq, 'seq' in point ? point.seq : point.at, limit],
    );
    return rows.map((r) => ({ seq: r.seq, author: r.author, at: r.created_at, update: r.update }));
  }
}
