import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { BuildSummary } from '@ensemble/catalog';
import type { Database } from '@ensemble/storage';

/**
 * Where a node publishes a freshly built catalog export so the other nodes serving the same database can
 * pick it up (tables of migration 0007_catalog.sql). Versions only grow; a node serves the newest.
 */
export interface CatalogStore {
  /** The newest published version, or undefined when nothing was published yet. */
  latestVersion(): Promise<number | undefined>;
  /** Stores every file of the export in `dir` as a new version (one transaction) and returns it. */
  publish(dir: string, summary: BuildSummary): Promise<number>;
  /** Writes the newest version's files into `dir` (created); its version, or undefined when none. */
  fetchLatest(dir: string): Promise<number | undefined>;
}

/** How many versions stay in the database (the newest, and the one nodes may still be fetching). */
const KEEP_VERSIONS = 2;

export function databaseCatalogStore(db: Database): CatalogStore {
  return {
    async latestVersion() {
      const { rows } = await db.query<{ version: number | null }>(
        'SELECT max(version) AS version FROM catalog_versions',
      );
      return rows[0]?.version ?? undefined;
    },

    async publish(dir, summary) {
      // Export files are flat: index.json, report.json, rejects.jsonl and one JSON file per brand.
      const files = readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
        .sort();
      return db.transaction(async (tx) => {
        const { rows } = await tx.query<{ version: number }>(
          'INSERT INTO catalog_versions (built_by, summary) VALUES ($1, $2) RETURNING version',
          [`${hostname()}:${process.pid}`, JSON.stringify(summary)],
        );
        const version = rows[0]!.version;
        for (const name of files) {
          await tx.query('INSERT INTO catalog_files (version, name, content) VALUES ($1, $2, $3)', [
            version,
            name,
            readFileSync(join(dir, name), 'utf8'),
          ]);
        }
        await tx.query('DELETE FROM catalog_versions WHERE version <= $1', [version - KEEP_VERSIONS]);
        return version;
      });
    },

    async fetchLatest(dir) {
      // One statement: the version and its files come from the same snapshot, even if a newer version
      // is published (and an older one pruned) meanwhile.
      const { rows } = await db.query<{ version: number; name: string; content: string }>(
        `SELECT f.version, f.name, f.content FROM catalog_files f
          WHERE f.version = (SELECT max(version) FROM catalog_versions)
          ORDER BY f.name`,
      );
      if (rows.length === 0) return undefined;
      mkdirSync(dir, { recursive: true });
      for (const row of rows) {
        // Names were written by `publish` from a flat directory; anything else is not ours to write.
        if (!/^[\w.-]+$/.test(row.name) || row.name.startsWith('.')) continue;
        writeFileSync(join(dir, row.name), row.content);
      }
      return rows[0]!.version;
    },
  };
}
