import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode } from '@ensemble/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { currentVersion, loadMigrations, type Migration, migrate } from './migrations.js';
import { backends } from './test-support/backends.js';
import type { Database } from './types.js';

const sample: Migration[] = [
  { version: 1, name: 'one', sql: 'CREATE TABLE m_one (id int PRIMARY KEY);' },
  { version: 2, name: 'two', sql: 'CREATE TABLE m_two (id int); INSERT INTO m_two VALUES (1), (2);' },
];

describe('loadMigrations', () => {
  it('loads the shipped migrations in order, numbered from 1 without gaps', async () => {
    const migrations = await loadMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    migrations.forEach((m, i) => {
      expect(m.version).toBe(i + 1);
    });
  });

  it('refuses badly named files and gaps', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ens-mig-'));
    await writeFile(join(dir, '0001_ok.sql'), 'SELECT 1;');
    await writeFile(join(dir, '0003_gap.sql'), 'SELECT 1;');
    await expect(loadMigrations(dir)).rejects.toThrow(/should be number 2/);
    const bad = await mkdtemp(join(tmpdir(), 'ens-mig-'));
    await writeFile(join(bad, 'init.sql'), 'SELECT 1;');
    await expect(loadMigrations(bad)).rejects.toThrow(/NNNN_lower_snake\.sql/);
  });
});

for (const backend of backends) {
  describe.skipIf(!backend.enabled)(`migrate on ${backend.name}`, () => {
    const open: Database[] = [];
    afterEach(async () => {
      // Close siblings first: the original owns the schema cleanup on Postgres.
      for (const db of open.reverse()) await db.close();
      open.length = 0;
    });
    const fresh = async () => {
      const db = await backend.open();
      open.push(db);
      return db;
    };

    it('applies pending migrations, and a second run is a no-op', async () => {
      const db = await fresh();
      expect(await currentVersion(db)).toBe(0);
      const first = await migrate(db, { migrations: sample });
      expect(first.applied.map((m) => m.version)).toEqual([1, 2]);
      expect(first.current).toBe(2);
      const second = await migrate(db, { migrations: sample });
      expect(second.applied).toEqual([]);
      expect(second.current).toBe(2);
      const { rows } = await db.query<{ n: number }>('SELECT count(*) AS n FROM m_two');
      expect(rows[0]!.n).toBe(2); // data migration did not run twice
      expect(await currentVersion(db)).toBe(2);
    });

    it('applies only the new migration after an upgrade', async () => {
      const db = await fresh();
      await migrate(db, { migrations: sample.slice(0, 1) });
      const next = await migrate(db, { migrations: sample });
      expect(next.applied.map((m) => m.name)).toEqual(['two']);
    });

    it('is safe when several callers migrate at the same time', async () => {
      const db = await fresh();
      const peers = [db];
      if (backend.openSibling) {
        for (let i = 0; i < 3; i++) {
          const sibling = await backend.openSibling(db);
          open.push(sibling);
          peers.push(sibling);
        }
      } else {
        peers.push(db, db, db);
      }
      const results = await Promise.all(peers.map((p) => migrate(p, { migrations: sample })));
      const appliedCounts = results.map((r) => r.applied.length).sort();
      expect(appliedCounts).toEqual([0, 0, 0, 2]);
      const { rows } = await db.query<{ n: number }>('SELECT count(*) AS n FROM m_two');
      expect(rows[0]!.n).toBe(2);
    });

    it('rolls back a failing migration completely and names it', async () => {
      const db = await fresh();
      const broken: Migration[] = [
        ...sample,
        { version: 3, name: 'broken', sql: 'CREATE TABLE m_three (id int); SELECT * FROM no_such_table;' },
      ];
      const error = await migrate(db, { migrations: broken }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: ErrorCode.Migration });
      expect((error as Error).message).toMatch(/3_broken failed/);
      expect(await currentVersion(db)).toBe(0);
      const { rows } = await db.query<{ t: string | null }>("SELECT to_regclass('m_one')::text AS t");
      expect(rows[0]!.t).toBeNull();
    });

    it('refuses an applied migration whose SQL changed', async () => {
      const db = await fresh();
      await migrate(db, { migrations: sample });
      const edited = [{ ...sample[0]!, sql: 'CREATE TABLE m_one (id bigint PRIMARY KEY);' }, sample[1]!];
      await expect(migrate(db, { migrations: edited })).rejects.toThrow(/was changed after it was applied/);
    });

    it('refuses to run against a newer database schema', async () => {
      const db = await fresh();
      await migrate(db, { migrations: sample });
      await expect(migrate(db, { migrations: sample.slice(0, 1) })).rejects.toThrow(/upgrade Ensemble/);
    });

    it('applies the shipped migrations', async () => {
      const db = await fresh();
      const result = await migrate(db);
      expect(result.current).toBe((await loadMigrations()).length);
      expect((await migrate(db)).applied).toEqual([]);
    });
  });
}
