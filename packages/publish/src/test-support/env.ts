import { type Database, migrate, openPglite, openPostgres } from '@ensemble/storage';
import { TEST_DATABASE_URL, uniqueSchema } from '@ensemble/storage/test-support';
import { createTokenCipher, type TokenCipher } from '../crypto/token-cipher.js';
import { PublishQueue } from '../queue/publish-queue.js';

export interface PublishTestEnv {
  name: 'pglite' | 'postgres';
  db: Database;
  queue: PublishQueue;
  cipher: TokenCipher;
  /** A second queue (own pg-boss) on the same database, as another process would have. */
  openQueue(): PublishQueue;
  close(): Promise<void>;
}

export const TEST_KEY = Buffer.alloc(32, 42);

export interface TestBackend {
  name: 'pglite' | 'postgres';
  enabled: boolean;
  open(): Promise<PublishTestEnv>;
}

/**
 * A migrated database plus a pg-boss queue. PGlite: a fresh in-memory instance (≈3 s — share it
 * within a file). Postgres: a fresh schema for our tables and pg-boss's, dropped on close.
 */
export const publishBackends: TestBackend[] = [
  {
    name: 'pglite',
    enabled: true,
    async open() {
      const db = await openPglite();
      await migrate(db);
      const queues: PublishQueue[] = [];
      const openQueue = () => {
        const q = new PublishQueue({ db, supervise: true, monitorIntervalSeconds: 1 });
        queues.push(q);
        return q;
      };
      const queue = openQueue();
      return {
        name: 'pglite',
        db,
        queue,
        cipher: createTokenCipher(TEST_KEY),
        openQueue,
        async close() {
          for (const q of queues) await q.stop(2000).catch(() => undefined);
          await db.close();
        },
      };
    },
  },
  {
    name: 'postgres',
    enabled: Boolean(TEST_DATABASE_URL),
    async open() {
      const schema = uniqueSchema('pub');
      const db = await openPostgres({ connectionString: TEST_DATABASE_URL!, schema });
      await migrate(db);
      const queues: PublishQueue[] = [];
      const openQueue = () => {
        const q = new PublishQueue({
          db,
          postgresUrl: TEST_DATABASE_URL,
          schema,
          supervise: true,
          monitorIntervalSeconds: 1,
        });
        queues.push(q);
        return q;
      };
      const queue = openQueue();
      return {
        name: 'postgres',
        db,
        queue,
        cipher: createTokenCipher(TEST_KEY),
        openQueue,
        async close() {
          for (const q of queues) await q.stop(2000).catch(() => undefined);
          await db.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
          await db.close();
        },
      };
    },
  },
];
