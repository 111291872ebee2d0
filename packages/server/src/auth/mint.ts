/**
 * Issues HS256 Ensemble tokens — for the `ensemble token` CLI and the dev-mode token endpoint.
 * Claims are validated with the same schema the verifier uses, so a minted token always verifies.
 */
import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import { SignJWT } from 'jose';
import { claimsSchema, describeClaimsError, type Role, type TenantMembership } from './claims.js';

export interface MintTokenOptions {
  secret: string;
  sub: string;
  name?: string | undefined;
  color?: string | undefined;
  avatar?: string | undefined;
  rooms?: Record<string, Role> | undefined;
  tenants?: TenantMembership[] | undefined;
  /** Lifetime in seconds. Default 3600. */
  ttlSeconds?: number | undefined;
  issuer?: string | undefined;
  audience?: string | undefined;
}

export interface MintedToken {
  token: string;
  expiresAt: Date;
}

export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

export async function mintToken(options: MintTokenOptions): Promise<MintedToken> {
  if (options.secret === '') {
    throw new EnsembleError(ErrorCode.Config, 'Cannot mint a token: the secret is empty');
  }
  const ttl = options.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl <= 0) {
    throw new EnsembleError(
      ErrorCode.BadRequest,
      `Cannot mint a token: ttlSeconds must be a positive integer, got ${ttl}`,
    );
  }
  const parsed = claimsSchema.safeParse({
    sub: options.sub,
    name: options.name,
    color: options.color,
    avatar: options.avatar,
    rooms: options.rooms,
    tenants: options.tenants,
  });
  if (!parsed.success) {
    throw new EnsembleError(
      ErrorCode.AuthInvalidClaims,
      `Cannot mint a token: ${describeClaimsError(parsed.error)}`,
      { cause: parsed.error },
    );
  }
  const { sub, exp: _exp, ...claims } = parsed.data;
  const issuedAt = Math.floor(Date.now() / 1000);
  const exp = issuedAt + ttl;
  const jwt = new SignJWT({ ...claims, name: claims.name ?? sub })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt(issuedAt)
    .setExpirationTime(exp);
  if (options.issuer !== undefined) jwt.setIssuer(options.issuer);
  if (options.audience !== undefined) jwt.setAudience(options.audience);
  const token = await jwt.sign(new TextEncoder().encode(options.secret));
  return { token, expiresAt: new Date(exp * 1000) };
}
