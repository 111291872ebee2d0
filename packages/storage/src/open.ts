import { openPglite } from './pglite/database.js';
import { openPostgres } from './postgres/database.js';
import type { Database } from './types.js';

export interface OpenDatabaseOptions {
  /** `postgres://…` selects a Postgres server; otherwise the embedded database in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  schema?: string;
  onError?: (error: Error) => void;
}

export function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    return openPostgres({
      connectionString: options.databaseUrl,
      ...(options.schema ? { schema: options.schema } : {}),
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }
  return openPglite(options.dataDir ? { dataDir: `${options.dataDir.replace(/\/$/, '')}/pglite` } : {});
}
