import { type EnsembleError, ErrorCode, isEnsembleError } from '@ensemble/protocol';
import { currentVersion, type Database, loadMigrations } from '@ensemble/storage';
import type { Logger } from './logger.js';

export interface HealthCheck {
  ok: boolean;
  error?: string;
}

export interface ReadinessReport {
  ready: boolean;
  checks: { database: HealthCheck; migrations: HealthCheck & { current?: number; expected?: number } };
}

/**
 * Tracks whether the database answers and the schema is current. Pings on an interval (the timer is
 * unref'd so it never keeps the process alive) and flips back to ready by itself when the database
 * returns; request failures that prove the database is gone flip it down at once.
 */
export class DatabaseHealth {
  private databaseError: string | undefined = 'not checked yet';
  private migrationsError: string | undefined = 'not checked yet';
  private current: number | undefined;
  private expected: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
  ) {}

  get databaseOk(): boolean {
    return this.databaseError === undefined;
  }

  report(): ReadinessReport {
    const migrations = {
      ok: this.migrationsError === undefined,
      ...(this.migrationsError ? { error: this.migrationsError } : {}),
      ...(this.current !== undefined ? { current: this.current } : {}),
      ...(this.expected !== undefined ? { expected: this.expected } : {}),
    };
    return {
      ready: this.databaseOk && migrations.ok,
      checks: {
        database: { ok: this.databaseOk, ...(this.databaseError ? { error: this.databaseError } : {}) },
        migrations,
      },
    };
  }

  /** Re-checks now; concurrent callers share one check. */
  check(): Promise<void> {
    this.checking ??= this.runCheck().finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.check(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Called when a request hit a dead database, so readiness reflects it before the next ping. */
  observe(error: unknown): void {
    if (isEnsembleError(error, ErrorCode.DatabaseUnavailable))
      this.setDatabaseError((error as EnsembleError).message);
  }

  private setDatabaseError(message: string | undefined): void {
    if (message && this.databaseOk) this.log.warn({ err: message }, 'database unavailable: not ready');
    if (!message && !this.databaseOk && this.databaseError !== 'not checked yet') {
      this.log.info('database reachable again: ready');
    }
    this.databaseError = message;
  }

  private async runCheck(): Promise<void> {
    try {
      await this.db.ping();
      this.expected ??= (await loadMigrations()).length;
      this.current = await currentVersion(this.db);
      this.setDatabaseError(undefined);
      this.migrationsError =
        this.current === this.expected
          ? undefined
          : `database schema is at ${this.current}, this build needs ${this.expected}`;
    } catch (error) {
      this.setDatabaseError(error instanceof Error ? error.message : String(error));
    }
  }
}
