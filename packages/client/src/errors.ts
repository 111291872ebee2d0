import { EnsembleError, type ErrorCode } from '@ensemble/protocol';

/** A room service refused a request; `code` is the server's ENSEMBLE_… code. */
export function serviceError(body: unknown): EnsembleError {
  const b = (body ?? {}) as { code?: string; message?: string };
  return new EnsembleError((b.code ?? 'ENSEMBLE_INTERNAL') as ErrorCode, b.message ?? 'request failed');
}
