/** The implementations a store contract test runs against (not exported from the package, not built). */
import { type Database, migrate } from '@ensemble/storage';
import { backends } from '@ensemble/storage/test-support';

export interface StoreImpl<S> {
  name: string;
  enabled: boolean;
  /** A fresh store; `db` is set for the database-backed ones (memory has none). */
  open(): Promise<{ store: S; db?: Database; close(): Promise<void> }>;
}

/**
 * The memory store, then the database store on every test backend (PGlite, and Postgres when
 * DATABASE_URL is set), each on a freshly migrated database.
 */
export function storeImpls<S>(memory: () => S, onDatabase: (db: Database) => S): StoreImpl<S>[] {
  return [
    { name: 'memory', enabled: true, open: async () => ({ store: memory(), close: async () => undefined }) },
    ...backends.map((b) => ({
      name: b.name,
      enabled: b.enabled,
      async open() {
        const db = await b.open();
        await migrate(db);
        return { store: onDatabase(db), db, close: () => db.close() };
      },
    })),
  ];
}
