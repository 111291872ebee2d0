/**
 * Maps jose failures to coded `EnsembleError`s with a message that says why the token was refused.
 * Key-resolution failures of a remote JWKS are already `EnsembleError`s (see `jwks-key.ts`).
 */
import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import { decodeProtectedHeader, errors } from 'jose';

export interface AuthErrorContext {
  /** The (trimmed) token that failed, used only to read its header for the message. */
  token: string;
  /** Where keys come from, e.g. `the configured secret` or `the JWKS at https://…`. */
  keySource: string;
  algorithms: readonly string[];
}

export const MISSING_TOKEN_MESSAGE =
  'No auth token: send "Authorization: Bearer <token>", a "?token=" query parameter or the ' +
  '"ensemble-token" WebSocket subprotocol';

export function toAuthError(error: unknown, context: AuthErrorContext): EnsembleError {
  if (error instanceof EnsembleError) return error;
  const cause = { cause: error };
  if (error instanceof errors.JWTExpired) {
    return new EnsembleError(ErrorCode.AuthExpired, `Auth token expired ${expiredAt(error.payload)}`, cause);
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return new EnsembleError(
      ErrorCode.AuthInvalidClaims,
      `Auth token claim "${error.claim}" is invalid: ${error.message}`,
      cause,
    );
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new EnsembleError(
      ErrorCode.AuthBadSignature,
      `Auth token signature does not verify with ${context.keySource}`,
      cause,
    );
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    const kid = headerField(context.token, 'kid');
    const which = kid === undefined ? 'the token (it has no "kid")' : `"kid" ${JSON.stringify(kid)}`;
    return new EnsembleError(
      ErrorCode.AuthBadSignature,
      `Auth token signature does not verify: no key in ${context.keySource} matches ${which}`,
      cause,
    );
  }
  const alg = headerField(context.token, 'alg');
  const algRefused = alg === undefined || !context.algorithms.includes(alg);
  if (error instanceof errors.JOSEAlgNotAllowed || (error instanceof errors.JOSENotSupported && algRefused)) {
    return new EnsembleError(
      ErrorCode.AuthMalformed,
      `Auth token uses algorithm ${JSON.stringify(alg ?? null)}; accepted: ${context.algorithms.join(', ')}`,
      cause,
    );
  }
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSENotSupported
  ) {
    return new EnsembleError(
      ErrorCode.AuthMalformed,
      `Auth token is not a valid JWT: ${error.message}`,
      cause,
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new EnsembleError(ErrorCode.AuthMalformed, `Auth token could not be verified: ${reason}`, cause);
}

function expiredAt(payload: { exp?: unknown }): string {
  if (typeof payload.exp !== 'number') return '(its "exp" is in the past)';
  const seconds = Math.max(0, Math.round(Date.now() / 1000 - payload.exp));
  return `at ${new Date(payload.exp * 1000).toISOString()} (${seconds}s ago)`;
}

function headerField(token: string, field: 'alg' | 'kid'): string | undefined {
  try {
    const value = decodeProtectedHeader(token)[field];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
