import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import { type Database, migrate, openDatabase } from '@ensemble/storage';
import type { Config } from '../config/schema.js';
import type { Logger } from './logger.js';

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable url)';
  }
}

/** Opens the configured database with a clear error (never a hang) when it cannot be reached. */
export async function openStorage(config: Config, log: Logger): Promise<Database> {
  const where = config.databaseUrl
    ? `PostgreSQL at ${redact(config.databaseUrl)}`
    : `embedded PGlite in ${config.dataDir}`;
  log.info({ database: config.databaseUrl ? 'postgres' : 'pglite' }, `opening ${where}`);
  try {
    return await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      onError: (error) => log.warn({ err: error.message }, 'database connection error'),
    });
  } catch (error) {
    throw new EnsembleError(
      ErrorCode.DatabaseUnavailable,
      `cannot open ${where}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

export async function migrateStorage(db: Database, log: Logger): Promise<void> {
  const result = await migrate(db, { log: (message) => log.info(message) });
  log.info({ applied: result.applied.length, version: result.current }, 'database schema is current');
}
