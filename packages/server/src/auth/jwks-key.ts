/**
 * Key resolution from a remote JWKS (jose `createRemoteJWKSet`: cached, refetched on an unknown
 * `kid` after a cooldown). Failures to obtain the key set at all — connection refused, timeout,
 * non-200, not JSON, not a key set — become `ENSEMBLE_AUTH_UNAVAILABLE`, because the token itself
 * may be fine. "No key matches" and "several keys match" stay jose errors for the verifier.
 */
import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import { createRemoteJWKSet, errors, type JWTVerifyGetKey } from 'jose';

export function createJwksKeyResolver(url: URL, timeoutMs: number): JWTVerifyGetKey {
  const jwks = createRemoteJWKSet(url, { timeoutDuration: timeoutMs });
  const where = describeJwksUrl(url);
  return async (header, token) => {
    try {
      return await jwks(header, token);
    } catch (error) {
      if (
        error instanceof errors.JWKSNoMatchingKey ||
        error instanceof errors.JWKSMultipleMatchingKeys ||
        error instanceof errors.JOSENotSupported
      ) {
        throw error;
      }
      throw new EnsembleError(
        ErrorCode.AuthUnavailable,
        `Could not load signing keys from ${where}: ${reason(error)}`,
        { cause: error },
      );
    }
  };
}

/** `the JWKS at <origin><path>` — without query or credentials, which may be secret. */
export function describeJwksUrl(url: URL): string {
  return `the JWKS at ${url.origin}${url.pathname}`;
}

function reason(error: unknown): string {
  if (error instanceof errors.JWKSTimeout) return 'request timed out';
  if (!(error instanceof Error)) return String(error);
  const code = errorCode(error.cause);
  return code === undefined ? error.message : `${error.message} (${code})`;
}

function errorCode(cause: unknown): string | undefined {
  if (typeof cause !== 'object' || cause === null || !('code' in cause)) return undefined;
  return typeof cause.code === 'string' ? cause.code : undefined;
}
