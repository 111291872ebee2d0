/**
 * Token verification: HS256 with a shared secret, or asymmetric keys from a JWKS URL. Every failure
 * is an `EnsembleError` with an `ENSEMBLE_AUTH_*` code and a message that says why.
 */
import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import { errors, type JWTPayload, type JWTVerifyGetKey, type JWTVerifyOptions, jwtVerify } from 'jose';
import { MISSING_TOKEN_MESSAGE, toAuthError } from './auth-errors.js';
import { claimsSchema, describeClaimsError, type Principal, principalFromClaims } from './claims.js';
import { createJwksKeyResolver, describeJwksUrl } from './jwks-key.js';

export interface TokenVerifierOptions {
  /** Shared HS256 secret. Exactly one of `secret` / `jwksUrl`. */
  secret?: string | undefined;
  /** JWKS endpoint (http/https) publishing the public keys. Exactly one of `secret` / `jwksUrl`. */
  jwksUrl?: string | undefined;
  /** Required `iss` value, when set. */
  issuer?: string | undefined;
  /** Required `aud` value, when set. */
  audience?: string | undefined;
  /** Allowed clock skew for `exp`/`nbf`, in seconds. Default 5. */
  clockToleranceSec?: number | undefined;
  /** Timeout of one JWKS fetch, in milliseconds. Default 5000. */
  jwksTimeoutMs?: number | undefined;
}

export interface TokenVerifier {
  /** Resolves to the token's principal, or rejects with an `ENSEMBLE_AUTH_*` `EnsembleError`. */
  verify(token: string): Promise<Principal>;
}

export const SECRET_ALGORITHMS = ['HS256'] as const;
/** Asymmetric algorithms accepted from a JWKS; symmetric ones and `none` never are. */
export const JWKS_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
] as const;

const DEFAULT_CLOCK_TOLERANCE_SEC = 5;
const DEFAULT_JWKS_TIMEOUT_MS = 5000;

interface KeyConfig {
  key: Uint8Array | JWTVerifyGetKey;
  keySource: string;
  algorithms: readonly string[];
}

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const { key, keySource, algorithms } = resolveKey(options);
  const verifyOptions: JWTVerifyOptions = {
    algorithms: [...algorithms],
    clockTolerance: nonNegative(options.clockToleranceSec, DEFAULT_CLOCK_TOLERANCE_SEC, 'clockToleranceSec'),
  };
  if (options.issuer !== undefined) verifyOptions.issuer = options.issuer;
  if (options.audience !== undefined) verifyOptions.audience = options.audience;

  return {
    async verify(token) {
      const jwt = typeof token === 'string' ? token.trim() : '';
      if (jwt === '') throw new EnsembleError(ErrorCode.AuthMissing, MISSING_TOKEN_MESSAGE);
      let payload: JWTPayload;
      try {
        payload = await verifyJwt(jwt, key, verifyOptions);
      } catch (error) {
        throw toAuthError(error, { token: jwt, keySource, algorithms });
      }
      const parsed = claimsSchema.safeParse(payload);
      if (!parsed.success) {
        throw new EnsembleError(
          ErrorCode.AuthInvalidClaims,
          `Auth token ${describeClaimsError(parsed.error)}`,
          {
            cause: parsed.error,
          },
        );
      }
      return principalFromClaims(parsed.data);
    },
  };
}

/**
 * `jwtVerify`, plus the case jose leaves to callers: a token without `kid` when the JWKS holds
 * several candidate keys — try each, accept the first whose signature verifies.
 */
async function verifyJwt(
  jwt: string,
  key: Uint8Array | JWTVerifyGetKey,
  options: JWTVerifyOptions,
): Promise<JWTPayload> {
  try {
    return (await jwtVerify(jwt, key, options)).payload;
  } catch (error) {
    if (!(error instanceof errors.JWKSMultipleMatchingKeys)) throw error;
    for await (const candidate of error) {
      try {
        return (await jwtVerify(jwt, candidate, options)).payload;
      } catch (inner) {
        if (!(inner instanceof errors.JWSSignatureVerificationFailed)) throw inner;
      }
    }
    throw new errors.JWSSignatureVerificationFailed();
  }
}

function resolveKey(options: TokenVerifierOptions): KeyConfig {
  const hasSecret = options.secret !== undefined && options.secret !== '';
  const hasJwks = options.jwksUrl !== undefined && options.jwksUrl !== '';
  if (hasSecret === hasJwks) {
    throw new EnsembleError(
      ErrorCode.Config,
      hasSecret
        ? 'Auth: set either a secret or a JWKS URL, not both'
        : 'Auth: a secret (HS256) or a JWKS URL is required to verify tokens',
    );
  }
  if (hasSecret) {
    return {
      key: new TextEncoder().encode(options.secret),
      keySource: 'the configured secret',
      algorithms: SECRET_ALGORITHMS,
    };
  }
  const url = parseJwksUrl(options.jwksUrl!);
  const timeoutMs = nonNegative(options.jwksTimeoutMs, DEFAULT_JWKS_TIMEOUT_MS, 'jwksTimeoutMs');
  return {
    key: createJwksKeyResolver(url, Math.round(timeoutMs)),
    keySource: describeJwksUrl(url),
    algorithms: JWKS_ALGORITHMS,
  };
}

function parseJwksUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new EnsembleError(ErrorCode.Config, `Auth: JWKS URL ${JSON.stringify(value)} is not a valid URL`, {
      cause,
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new EnsembleError(ErrorCode.Config, `Auth: JWKS URL must be http(s), got ${url.protocol}`);
  }
  return url;
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new EnsembleError(ErrorCode.Config, `Auth: ${name} must be a non-negative number, got ${value}`);
  }
  return value;
}
