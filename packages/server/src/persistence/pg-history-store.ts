import type { Database } from '@ensemble/storage';
import type { Checkpoint, HistoryPoint, HistoryStore, NewCheckpoint, ReplayChunk } from './history-store.js';
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

/** The open end of the last stretch of the log to read (beyond any seq). */
const END = Number.MAX_SAFE_INTEGER;
/** More stretches than this are read in one scan instead. */
const MAX_RANGES = 16;

/**
 * The parts of the log after `afterSeq` not covered by `skip` (each `(from, upto]`), as `(lo, hi]`
 * ranges in order; the last one is open-ended.
 */
export function rangesToRead(afterSeq: number, skip: { from: number; upto: number }[]): [number, number][] {
  const out: [number, number][] = [];
  let lo = afterSeq;
  for (const s of [...skip].sort((a, b) => a.from - b.from)) {
    if (s.upto <= lo) continue;
    if (s.from > lo) out.push([lo, s.from]);
    lo = s.upto;
  }
  out.push([lo, END]);
  return out;
}

/** History over `sync_checkpoints` + `sync_updates` (migrations 0003, 0004, 0008). */
export class PgHistoryStore implements HistoryStore {
  constructor(private readonly db: Database) {}

  async addCheckpoint(
    room: string,
    seq: number,
    state: Uint8Array,
    options: NewCheckpoint = {},
  ): Promise<Checkpoint> {
    const span = options.span && options.span.fromSeq < seq ? options.span : null;
    const { rows } = await this.db.query<CheckpointRow>(
      `INSERT INTO sync_checkpoints (room, upto_seq, state, name, author, created_at, from_seq, first_at)
       VALUES ($1, $2, $3, $4, $5, COALESCE($6::timestamptz, now()), $7, $8)
       RETURNING id, upto_seq, created_at, name, author`,
      [
        room,
        seq,
        state,
        options.name ?? null,
        options.author ?? null,
        options.at ?? null,
        span?.fromSeq ?? null,
        span?.firstAt ?? null,
      ],
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
    const tail = await this.tail(room, afterSeq, point, 'seq, author, created_at, update', limit);
    const { rows } = await this.db.query<{
      seq: number;
      author: string;
      created_at: Date;
      update: Uint8Array;
    }>(`${tail.sql} ORDER BY seq LIMIT $2`, tail.params);
    return rows.map((r) => ({ seq: r.seq, author: r.author, at: r.created_at, update: r.update }));
  }

  async replayChunks(
    room: string,
    afterSeq: number,
    point: HistoryPoint,
    chunkSize: number,
    limit = 1_000_000,
  ): Promise<ReplayChunk[]> {
    const tail = await this.tail(room, afterSeq, point, 'seq, created_at, update', limit);
    // One row per chunk, its updates concatenated with 4-byte length prefixes: a row per update costs
    // several times more to hand over (PGlite), for what is only bytes to apply here.
    const { rows } = await this.db.query<{
      updates: Uint8Array;
      count: number;
      last_seq: number;
      first_at: Date;
      last_at: Date;
    }>(
      `WITH tail AS (${tail.sql} ORDER BY seq LIMIT $2),
       numbered AS (SELECT seq, created_at, update, (row_number() OVER (ORDER BY seq) - 1) / $${tail.params.length + 1} AS chunk FROM tail)
       SELECT string_agg(int4send(octet_length(update)) || update, ''::bytea ORDER BY seq) AS updates,
         count(*)::int AS count, max(seq) AS last_seq, min(created_at) AS first_at, max(created_at) AS last_at
       FROM numbered GROUP BY chunk ORDER BY chunk`,
      [...tail.params, chunkSize],
    );
    return rows.map((r) => ({
      updates: splitPrefixed(r.updates, r.count),
      lastSeq: r.last_seq,
      firstAt: r.first_at,
      lastAt: r.last_at,
    }));
  }

  /**
   * A SELECT of `columns` of the log after `afterSeq` up to `point`, in no particular order, with
   * its parameters: `$1` the room, `$2` = `limit` for the caller's LIMIT, then its own.
   */
  private async tail(
    room: string,
    afterSeq: number,
    point: HistoryPoint,
    columns: string,
    limit: number,
  ): Promise<{ sql: string; params: unknown[] }> {
    if ('seq' in point) {
      return {
        sql: `SELECT ${columns} FROM sync_updates WHERE room = $1 AND seq > $3 AND seq <= $4`,
        params: [room, limit, afterSeq, point.seq],
      };
    }
    // Without the checkpoints' spans, every update after afterSeq would be read to find the few up to
    // the moment. A span whose earliest update is later than the moment holds none of them.
    const { rows } = await this.db.query<{ from_seq: number; upto_seq: number }>(
      `SELECT from_seq, upto_seq FROM sync_checkpoints
       WHERE room = $1 AND upto_seq > $2 AND first_at > $3`,
      [room, afterSeq, point.at],
    );
    const ranges = rangesToRead(
      afterSeq,
      rows.map((r) => ({ from: r.from_seq, upto: r.upto_seq })),
    );
    // Many stretches (a log full of out-of-order times): one scan beats many small ones.
    const parts: [number, number][] = ranges.length > MAX_RANGES ? [[afterSeq, END]] : ranges;
    const params: unknown[] = [room, limit, point.at];
    // One primary-key range per stretch, each planned with its own bounds (a join with an array of
    // bounds gets planned as a scan of the whole table).
    const selects = parts.map(([lo, hi]) => {
      params.push(lo, hi);
      return `SELECT ${columns} FROM sync_updates
        WHERE room = $1 AND seq > $${params.length - 1} AND seq <= $${params.length} AND created_at <= $3`;
    });
    return { sql: selects.join(' UNION ALL '), params };
  }
}

/** Splits `count` updates joined as (4-byte big-endian length, bytes)…, without copying them. */
function splitPrefixed(joined: Uint8Array, count: number): Uint8Array[] {
  const view = new DataView(joined.buffer, joined.byteOffset, joined.byteLength);
  const out: Uint8Array[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const length = view.getUint32(at);
    out.push(joined.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  if (at !== joined.byteLength) throw new Error('replay chunk does not match its update count');
  return out;
}
