import { randomBytes } from 'node:crypto';
import { openPglite } from '../pglite/database.js';
import { openPostgres } from '../postgres/database.js';
import type { Database } from '../types.js';

/** Postgres for integration tests; CI exports DATABASE_URL (see .ci/run). Unset → those suites skip. */
export const TEST_DATABASE_URL = process.env.ENSEMBLE_TEST_DATABASE_URL ?? process.env.DATABASE_URL;

export function uniqueSchema(prefix = 't'): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

export interface Backend {
  name: 'pglite' | 'postgres';
  enabled: boolean;
  /** A fresh, empty database (a new in-memory PGlite, or a new schema on the Postgres server). */
  open(): Promise<Database>;
  /** A second connection to the same database as `open`'s last result, for concurrency tests. */
  openSibling?(db: Database): Promise<Database>;
}

const schemaOf = new WeakMap<Database, string>();

export const pgliteBackend: Backend = {
  name: 'pglite',
  enabled: true,
  open: () => openPglite(),
};

export const postgresBackend: Backend = {
  name: 'postgres',
  enabled: Boolean(TEST_DATABASE_URL),
  async open() {
    const schema = uniqueSchema();
    const db = await openPostgres({ connectionString: TEST_DATABASE_URL!, schema });
    schemaOf.set(db, schema);
    const close = db.close;
    // Leave the shared test database as we found it.
    db.close = async () => {
      await db.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
      await close();
    };
    return db;
  },
  async openSibling(db) {
    const schema = schemaOf.get(db);
    if (!schema) throw new Error('not a database from postgresBackend.open()');
    return openPostgres({ connectionString: TEST_DATABASE_URL!, schema });
  },
};

export const backends: Backend[] = [pgliteBackend, postgresBackend];
