import type { Database, Queryable } from '@ensemble/storage';
import type { Db } from 'pg-boss';

/** PGlite refuses several statements in one prepared statement; pg-boss sends such blocks without params. */
const MULTI_STATEMENT = /cannot insert multiple commands into a prepared statement/i;

/**
 * pg-boss's `executeSql` over one of our connections. pg-boss issues parameterless multi-statement
 * blocks (schema install, `BEGIN … COMMIT` maintenance); on PGlite those must go through `exec()`,
 * which returns no rows — pg-boss never reads rows from them.
 */
export function bossDb(target: Queryable): Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values && values.length > 0) {
        const { rows } = await target.query(text, values);
        return { rows };
      }
      try {
        const { rows } = await target.query(text);
        // node-postgres answers a multi-statement string with one result per statement (rows undefined).
        return { rows: Array.isArray(rows) ? rows : [] };
      } catch (error) {
        if (!MULTI_STATEMENT.test((error as Error).message)) throw error;
        await target.exec(text);
        return { rows: [] };
      }
    },
  };
}

/**
 * The root adapter for a whole `Database`. A failed multi-statement block on PGlite's single session
 * can leave a transaction open and aborted; roll it back so later statements are not poisoned.
 */
export function rootBossDb(db: Database): Db {
  const inner = bossDb(db);
  if (db.kind !== 'pglite') return inner;
  return {
    async executeSql(text: string, values?: unknown[]) {
      try {
        return await inner.executeSql(text, values);
      } catch (error) {
        if (!values || values.length === 0) await db.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
  };
}
