import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import pg from 'pg';
import { toDatabaseError } from '../database-error.js';
import type { Database, Queryable, QueryResult, Row } from '../types.js';

export interface PostgresOptions {
  connectionString: string;
  /** Isolate everything in this schema (created if missing); used by tests and multi-tenant installs. */
  schema?: string;
  maxConnections?: number;
  connectTimeoutMs?: number;
  /** Called for errors of idle connections (e.g. the server went away); they must not crash the process. */
  onError?: (error: Error) => void;
}

const INT8 = 20;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 && format !== 'binary') return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A Postgres server over a `pg` pool. */
export async function openPostgres(options: PostgresOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    types,
    ...(options.schema ? { options: `-c search_path=${quoteIdent(options.schema)},public` } : {}),
  });
  pool.on('error', (error) => options.onError?.(error));

  const wrap = (client: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      try {
        const result = await client.query<R>(sql, params as unknown[]);
        return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length };
      } catch (error) {
        throw toDatabaseError(error, sql);
      }
    },
    async exec(sql: string): Promise<void> {
      try {
        await client.query(sql);
      } catch (error) {
        throw toDatabaseError(error, sql);
      }
    },
  });

  const root = wrap(pool);
  const db: Database = {
    kind: 'postgres',
    query: root.query,
    exec: root.exec,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw toDatabaseError(error);
      }
      const tx = wrap(client);
      let broken = false;
      try {
        await tx.exec('BEGIN');
        const result = await fn(tx);
        await tx.exec('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async ping(): Promise<void> {
      try {
        await pool.query('SELECT 1');
      } catch (error) {
        const e = toDatabaseError(error);
        throw e.code === ErrorCode.DatabaseUnavailable
          ? e
          : new EnsembleError(ErrorCode.DatabaseUnavailable, `database unavailable: ${e.message}`, {
              cause: error,
            });
      }
    },
    async close(): Promise<void> {
      await pool.end();
    },
  };

  if (options.schema) {
    // search_path names the schema; make sure it exists before anyone relies on it.
    await db.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(options.schema)}`);
  } else {
    await db.ping();
  }
  return db;
}
