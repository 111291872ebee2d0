import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import type { Database } from './types.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export interface MigrateResult {
  applied: Migration[];
  current: number;
}

export interface MigrateOptions {
  migrations?: Migration[];
  log?: (message: string) => void;
}

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;
/** Any fixed number: every node agrees on it, so only one node migrates at a time. */
const MIGRATION_LOCK_KEY = 7_165_432_001;

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

/** Reads `NNNN_name.sql` files in version order; gaps and duplicates are errors, not surprises. */
export async function loadMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = FILE_NAME.exec(file);
    if (!match) {
      throw new EnsembleError(
        ErrorCode.Migration,
        `migration file ${file} must be named NNNN_lower_snake.sql`,
      );
    }
    const version = Number(match[1]);
    const expected = migrations.length + 1;
    if (version !== expected) {
      throw new EnsembleError(ErrorCode.Migration, `migration ${file} should be number ${expected}`);
    }
    migrations.push({ version, name: match[2]!, sql: await readFile(`${dir}/${file}`, 'utf8') });
  }
  return migrations;
}

function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/**
 * Applies pending migrations in one transaction under an advisory lock: two nodes starting together
 * serialize here, and the second finds nothing left to do. A changed, already-applied file is refused.
 */
export async function migrate(db: Database, options: MigrateOptions = {}): Promise<MigrateResult> {
  const migrations = options.migrations ?? (await loadMigrations());
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS ensemble_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM ensemble_migrations ORDER BY version',
    );
    const known = new Map(rows.map((r) => [r.version, r]));
    const newest = migrations.at(-1)?.version ?? 0;
    for (const row of rows) {
      if (row.version > newest) {
        throw new EnsembleError(
          ErrorCode.Migration,
          `database is at migration ${row.version} (${row.name}) but this build only knows up to ${newest}; upgrade Ensemble`,
        );
      }
    }
    const applied: Migration[] = [];
    for (const m of migrations) {
      const done = known.get(m.version);
      if (done) {
        if (done.checksum !== checksum(m.sql)) {
          throw new EnsembleError(
            ErrorCode.Migration,
            `migration ${m.version}_${m.name} was changed after it was applied; add a new migration instead`,
          );
        }
        continue;
      }
      options.log?.(`applying migration ${m.version}_${m.name}`);
      try {
        await tx.exec(m.sql);
      } catch (error) {
        throw new EnsembleError(
          ErrorCode.Migration,
          `migration ${m.version}_${m.name} failed: ${(error as Error).message}`,
          { cause: error },
        );
      }
      await tx.query('INSERT INTO ensemble_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        checksum(m.sql),
      ]);
      applied.push(m);
    }
    return { applied, current: Math.max(newest, ...rows.map((r) => r.version)) };
  });
}

/** The newest applied version, or 0; never creates anything (used by /readyz). */
export async function currentVersion(db: Database): Promise<number> {
  const exists = await db.query<{ t: string | null }>("SELECT to_regclass('ensemble_migrations')::text AS t");
  if (!exists.rows[0]?.t) return 0;
  const { rows } = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM ensemble_migrations');
  return rows[0]?.v ?? 0;
}
