import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import { mintToken, ROLES, type Role, TENANT_ROLES, type TenantRole } from '@ensemble/server';
import type { Config } from '../config/schema.js';
import { devSecret } from '../runtime/dev-secret.js';

export interface TokenCommandOptions {
  user: string;
  name?: string;
  color?: string;
  avatar?: string;
  room: string[];
  tenant: string[];
  ttl: string;
  secret?: string;
  json?: boolean;
}

function pairs<T extends string>(values: string[], allowed: readonly T[], what: string): [string, T][] {
  return values.map((entry) => {
    const at = entry.lastIndexOf('=');
    const key = entry.slice(0, at);
    const value = entry.slice(at + 1) as T;
    if (at <= 0 || !allowed.includes(value)) {
      throw new EnsembleError(
        ErrorCode.BadRequest,
        `--${what} ${entry}: expected <${what === 'room' ? 'pattern' : 'companyId'}>=<${allowed.join('|')}>`,
      );
    }
    return [key, value];
  });
}

/** `ensemble token`: mints a JWT with the configured secret (or the dev secret of the data dir). */
export async function runTokenCommand(config: Config, options: TokenCommandOptions): Promise<string> {
  const secret =
    options.secret ??
    config.jwtSecret ??
    (config.mode === 'dev' && !config.jwksUrl ? devSecret(config.dataDir) : undefined);
  if (!secret) {
    throw new EnsembleError(
      ErrorCode.Config,
      'no signing secret: set ENSEMBLE_JWT_SECRET or pass --secret (with JWKS, tokens come from your identity provider)',
    );
  }
  const ttlSeconds = Number(options.ttl);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new EnsembleError(
      ErrorCode.BadRequest,
      `--ttl ${options.ttl}: expected a positive whole number of seconds`,
    );
  }
  const rooms = Object.fromEntries(pairs<Role>(options.room, ROLES, 'room'));
  const tenants = pairs<TenantRole>(options.tenant, TENANT_ROLES, 'tenant').map(([companyId, role]) => ({
    companyId,
    role,
  }));
  const minted = await mintToken({
    secret,
    sub: options.user,
    ...(options.name ? { name: options.name } : {}),
    ...(options.color ? { color: options.color } : {}),
    ...(options.avatar ? { avatar: options.avatar } : {}),
    rooms,
    tenants,
    ttlSeconds,
    ...(config.jwtIssuer ? { issuer: config.jwtIssuer } : {}),
    ...(config.jwtAudience ? { audience: config.jwtAudience } : {}),
  });
  return options.json
    ? JSON.stringify({ token: minted.token, expiresAt: minted.expiresAt.toISOString() })
    : minted.token;
}
