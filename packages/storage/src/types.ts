/**
 * The whole data-access surface of Ensemble (DESIGN.md §3): SQL in, rows out, plus transactions.
 * Both backends return the same JS types: int8/bigint → number (our ids and counters stay far below
 * 2^53), timestamptz → Date, json/jsonb → parsed value, bytea → Uint8Array.
 */
export type Row = Record<string, unknown>;

export interface QueryResult<R extends Row = Row> {
  rows: R[];
  /** Rows returned by a SELECT or touched by INSERT/UPDATE/DELETE. */
  rowCount: number;
}

export interface Queryable {
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** Runs several statements without parameters (DDL, migrations). PGlite needs this path. */
  exec(sql: string): Promise<void>;
}

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database extends Queryable {
  readonly kind: DatabaseKind;
  /** Runs `fn` in one transaction: commit when it resolves, roll back and rethrow when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a trivial query; rejects with ENSEMBLE_DATABASE_UNAVAILABLE. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
