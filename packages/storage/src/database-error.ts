import { EnsembleError, ErrorCode } from '@ensemble/protocol';

/** A failed statement. `sqlState` is Postgres's SQLSTATE (e.g. 23505 unique violation) when known. */
export class DatabaseError extends EnsembleError {
  readonly sqlState: string | undefined;

  constructor(message: string, sqlState: string | undefined, options?: { cause?: unknown }) {
    super(ErrorCode.DatabaseQuery, message, options);
    this.name = 'DatabaseError';
    this.sqlState = sqlState;
  }
}

/** SQLSTATE classes that mean "the server is gone", not "your SQL is wrong". */
const CONNECTION_STATES = /^(08|57P0[1-3])/;
const CONNECTION_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);

interface PgLikeError {
  message?: unknown;
  code?: unknown;
}

export function toDatabaseError(error: unknown, sql?: string): EnsembleError {
  if (error instanceof EnsembleError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as PgLikeError;
  const message = typeof e.message === 'string' ? e.message : String(error);
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (
    (code && (CONNECTION_STATES.test(code) || CONNECTION_ERRNOS.has(code))) ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
      message,
    )
  ) {
    return new EnsembleError(ErrorCode.DatabaseUnavailable, `database unavailable: ${message}`, {
      cause: error,
    });
  }
  const where = sql ? ` (in: ${sql.replace(/\s+/g, ' ').trim().slice(0, 120)})` : '';
  return new DatabaseError(`${message}${where}`, code && /^[0-9A-Z]{5}$/.test(code) ? code : undefined, {
    cause: error,
  });
}
