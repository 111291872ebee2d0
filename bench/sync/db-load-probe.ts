/**
 * Preloaded into the Ensemble server by `db-load.ts` (`--import`): counts the statements the process
 * sends to its database, by kind, without touching product code. PGlite runs in a worker thread, so
 * every statement is one `postMessage` to it; on PostgreSQL every statement is one `pg` client query.
 * On SIGUSR2 the counts so far are written (synchronously) to `DB_LOAD_COUNTS`.
 *
 * `DB_LOAD_COMMIT_DELAY_MS` overrides the default group-commit window, so the bench can compare
 * windows without a config setting (the engine reads the defaults when it is created).
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const counts: Record<string, number> = {};
const out = process.env.DB_LOAD_COUNTS;

/** "INSERT INTO sync_updates", "SELECT … FROM sync_snapshots", "BEGIN", … */
function kind(sql: string): string {
  const s = sql.replace(/\s+/g, ' ').trim();
  const write = /^(INSERT INTO \w+|UPDATE \w+|DELETE FROM \w+)/i.exec(s);
  if (write) return write[1]!;
  const read = /^SELECT .*? FROM (\w+)/i.exec(s);
  if (read) return `SELECT … FROM ${read[1]}`;
  return (/^\w+/.exec(s)?.[0] ?? 'other').toUpperCase();
}

function count(key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

/** A statement, and for INSERTs the rows it carries (array parameters for unnest, else VALUES tuples). */
function statement(sql: string, params: unknown): void {
  const key = kind(sql);
  count('(all requests)');
  count(key);
  if (!key.startsWith('INSERT')) return;
  const first = Array.isArray(params) ? (params as unknown[])[0] : undefined;
  const rows = Array.isArray(first) ? first.length : sql.split(/\)\s*,\s*\(/).length;
  count(`rows: ${key}`, rows);
}

const postMessage = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (this: Worker, message: unknown, transfer?: never) {
  const m = message as { op?: unknown; sql?: unknown } | null;
  if (m && typeof m.op === 'string') {
    if (typeof m.sql === 'string') statement(m.sql, (m as { params?: unknown }).params);
    else {
      count('(all requests)');
      count(m.op.toUpperCase());
    }
  }
  return postMessage.call(this, message, transfer);
};

try {
  const pg = createRequire(import.meta.url)('pg') as {
    Client: { prototype: { query: (...args: unknown[]) => unknown } };
  };
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    const config = args[0] as { text?: unknown; values?: unknown } | string | null;
    const sql = typeof config === 'string' ? config : config?.text;
    const params = typeof config === 'string' ? args[1] : (config?.values ?? args[1]);
    if (typeof sql === 'string') statement(sql, Array.isArray(params) ? params : []);
    return query.apply(this, args);
  };
} catch {
  // pg not installed: PGlite only.
}

const delay = process.env.DB_LOAD_COMMIT_DELAY_MS;
if (delay !== undefined && delay !== '') {
  const { DEFAULT_SYNC_LIMITS } = await import('@ensemble/server');
  DEFAULT_SYNC_LIMITS.commitDelayMs = Number(delay);
}

process.on('SIGUSR2', () => {
  if (out) writeFileSync(out, JSON.stringify(counts));
});
