/**
 * Coded errors shared by server, client and app. Every error that crosses a boundary carries a
 * stable `ENSEMBLE_…` code so callers can branch on it without parsing messages.
 */
export const ErrorCode = {
  Internal: 'ENSEMBLE_INTERNAL',
  BadRequest: 'ENSEMBLE_BAD_REQUEST',
  NotFound: 'ENSEMBLE_NOT_FOUND',
  Config: 'ENSEMBLE_CONFIG',
  AuthMissing: 'ENSEMBLE_AUTH_MISSING',
  AuthMalformed: 'ENSEMBLE_AUTH_MALFORMED',
  AuthExpired: 'ENSEMBLE_AUTH_EXPIRED',
  AuthBadSignature: 'ENSEMBLE_AUTH_BAD_SIGNATURE',
  AuthInvalidClaims: 'ENSEMBLE_AUTH_INVALID_CLAIMS',
  AuthUnavailable: 'ENSEMBLE_AUTH_UNAVAILABLE',
  Forbidden: 'ENSEMBLE_FORBIDDEN',
  DatabaseUnavailable: 'ENSEMBLE_DATABASE_UNAVAILABLE',
  DatabaseQuery: 'ENSEMBLE_DATABASE_QUERY',
  Migration: 'ENSEMBLE_MIGRATION',
  NotReady: 'ENSEMBLE_NOT_READY',
  PayloadTooLarge: 'ENSEMBLE_PAYLOAD_TOO_LARGE',
  RateLimited: 'ENSEMBLE_RATE_LIMITED',
  /** An update touched a document path guarded by someone else's hard lock. */
  Locked: 'ENSEMBLE_LOCKED',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class EnsembleError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EnsembleError';
    this.code = code;
  }
}

export function isEnsembleError(value: unknown, code?: ErrorCode): value is EnsembleError {
  return value instanceof EnsembleError && (code === undefined || value.code === code);
}

/** The JSON body of every failed HTTP request: `{ error: { code, message } }`. */
export interface ErrorBody {
  error: { code: ErrorCode | string; message: string; details?: unknown };
}
