/**
 * The storage contract: every Database implementation must pass the same suite.
 * PGlite always runs; Postgres runs when DATABASE_URL / ENSEMBLE_TEST_DATABASE_URL is set (CI sets it).
 */
import { ErrorCode } from '@ensemble/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseError } from './database-error.js';
import { backends } from './test-support/backends.js';
import type { Database } from './types.js';

for (const backend of backends) {
  describe.skipIf(!backend.enabled)(`Database contract: ${backend.name}`, () => {
    let db: Database;

    beforeAll(async () => {
      db = await backend.open();
      await db.exec(`
        CREATE TABLE items (id bigserial PRIMARY KEY, name text UNIQUE NOT NULL, data jsonb, blob bytea,
                            at timestamptz DEFAULT now(), flag boolean);
        CREATE TABLE counters (k text PRIMARY KEY, n integer NOT NULL);
      `);
    });
    afterAll(async () => {
      await db?.close();
    });

    it('reports its kind', () => {
      expect(db.kind).toBe(backend.name);
    });

    it('round-trips parameters and returns rows with consistent JS types', async () => {
      const blob = new Uint8Array([0, 1, 2, 255]);
      const inserted = await db.query<{ id: number }>(
        'INSERT INTO items (name, data, blob, flag) VALUES ($1, $2, $3, $4) RETURNING id',
        ['héllo ✓ 𝄞', JSON.stringify({ a: [1, 2], b: null }), blob, true],
      );
      expect(inserted.rowCount).toBe(1);
      expect(typeof inserted.rows[0]!.id).toBe('number');
      const { rows } = await db.query<{
        name: string;
        data: unknown;
        blob: Uint8Array;
        at: Date;
        flag: boolean;
        n: number;
      }>('SELECT name, data, blob, at, flag, count(*) OVER () AS n FROM items WHERE id = $1', [
        inserted.rows[0]!.id,
      ]);
      expect(rows).toHaveLength(1);
      const row = rows[0]!;
      expect(row.name).toBe('héllo ✓ 𝄞');
      expect(row.data).toEqual({ a: [1, 2], b: null });
      expect(row.blob).toBeInstanceOf(Uint8Array);
      expect([...row.blob]).toEqual([0, 1, 2, 255]);
      expect(row.at).toBeInstanceOf(Date);
      expect(row.flag).toBe(true);
      expect(row.n).toBe(1);
    });

    it('counts rows touched by UPDATE and DELETE', async () => {
      await db.query("INSERT INTO items (name) VALUES ('u1'), ('u2'), ('u3')");
      const updated = await db.query("UPDATE items SET flag = false WHERE name LIKE 'u%'");
      expect(updated.rowCount).toBe(3);
      const deleted = await db.query("DELETE FROM items WHERE name IN ('u1', 'u2')");
      expect(deleted.rowCount).toBe(2);
      const none = await db.query("SELECT * FROM items WHERE name = 'nobody'");
      expect(none.rows).toEqual([]);
      expect(none.rowCount).toBe(0);
    });

    it('runs multi-statement SQL through exec', async () => {
      await db.exec("INSERT INTO counters VALUES ('a', 1); INSERT INTO counters VALUES ('b', 2);");
      const { rows } = await db.query<{ s: number }>('SELECT sum(n)::int AS s FROM counters');
      expect(rows[0]!.s).toBe(3);
    });

    it('commits a transaction that resolves', async () => {
      const result = await db.transaction(async (tx) => {
        await tx.query("INSERT INTO counters VALUES ('tx-commit', 10)");
        const { rows } = await tx.query<{ n: number }>("SELECT n FROM counters WHERE k = 'tx-commit'");
        return rows[0]!.n;
      });
      expect(result).toBe(10);
      const { rows } = await db.query("SELECT * FROM counters WHERE k = 'tx-commit'");
      expect(rows).toHaveLength(1);
    });

    it('rolls back a transaction that throws and rethrows the error', async () => {
      const boom = new Error('boom');
      await expect(
        db.transaction(async (tx) => {
          await tx.query("INSERT INTO counters VALUES ('tx-rollback', 1)");
          throw boom;
        }),
      ).rejects.toBe(boom);
      const { rows } = await db.query("SELECT * FROM counters WHERE k = 'tx-rollback'");
      expect(rows).toEqual([]);
    });

    it('keeps a concurrent autocommit write that ran while another transaction was open', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const tx = db
        .transaction(async (t) => {
          await t.query("INSERT INTO counters VALUES ('inside', 1)");
          await gate;
          throw new Error('roll back on purpose');
        })
        .catch((e: Error) => e.message);
      const outside = db.query("INSERT INTO counters VALUES ('outside', 1)");
      // Let the outside write queue up (PGlite) or run (Postgres) while the transaction is open.
      await new Promise((r) => setTimeout(r, 50));
      release();
      expect(await tx).toBe('roll back on purpose');
      await outside;
      const { rows } = await db.query<{ k: string }>(
        "SELECT k FROM counters WHERE k IN ('inside', 'outside') ORDER BY k",
      );
      expect(rows.map((r) => r.k)).toEqual(['outside']);
    });

    it('serializes many concurrent transactions without lost updates', async () => {
      await db.query("INSERT INTO counters VALUES ('race', 0)");
      await Promise.all(
        Array.from({ length: 20 }, () =>
          db.transaction(async (tx) => {
            const { rows } = await tx.query<{ n: number }>(
              "SELECT n FROM counters WHERE k = 'race' FOR UPDATE",
            );
            await tx.query("UPDATE counters SET n = $1 WHERE k = 'race'", [rows[0]!.n + 1]);
          }),
        ),
      );
      const { rows } = await db.query<{ n: number }>("SELECT n FROM counters WHERE k = 'race'");
      expect(rows[0]!.n).toBe(20);
    });

    it('reports SQL errors with a code and SQLSTATE and stays usable', async () => {
      const syntax = await db.query('SELEC 1').catch((e: unknown) => e);
      expect(syntax).toBeInstanceOf(DatabaseError);
      expect((syntax as DatabaseError).code).toBe(ErrorCode.DatabaseQuery);
      expect((syntax as DatabaseError).sqlState).toBe('42601');
      expect((syntax as DatabaseError).message).toMatch(/syntax error/);

      await db.query("INSERT INTO items (name) VALUES ('dup')");
      const dup = await db.query("INSERT INTO items (name) VALUES ('dup')").catch((e: unknown) => e);
      expect((dup as DatabaseError).sqlState).toBe('23505');

      const { rows } = await db.query<{ one: number }>('SELECT 1 AS one');
      expect(rows[0]!.one).toBe(1);
    });

    it('fails a statement inside a transaction and rolls the whole transaction back', async () => {
      const error = await db
        .transaction(async (tx) => {
          await tx.query("INSERT INTO counters VALUES ('tx-bad', 1)");
          await tx.query('INSERT INTO counters VALUES (NULL, NULL)');
        })
        .catch((e: unknown) => e);
      expect((error as DatabaseError).sqlState).toBe('23502');
      const { rows } = await db.query("SELECT * FROM counters WHERE k = 'tx-bad'");
      expect(rows).toEqual([]);
    });

    it('answers ping', async () => {
      await expect(db.ping()).resolves.toBeUndefined();
    });
  });
}
