import type { Session } from './session';

/**
 * Builds a session from a pasted JWT by reading (not verifying) its claims; the server verifies
 * the signature on every request. Throws an Error with a user-facing message when the token is
 * malformed or already expired.
 */
export function sessionFromJwt(input: string, now = Date.now()): Session {
  const token = input.trim();
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => part.length === 0)) {
    throw new Error('That does not look like a JWT: expected three dot-separated parts.');
  }
  const claims = decodeClaims(parts[1]!);

  const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  if (exp !== undefined && exp <= now) {
    throw new Error('This token has expired. Ask your administrator for a new one.');
  }

  const id = stringClaim(claims, 'sub') ?? stringClaim(claims, 'id');
  if (!id) throw new Error('This token does not name a user (missing "sub" claim).');
  const name = stringClaim(claims, 'name') ?? stringClaim(claims, 'preferred_username') ?? id;
  const color = stringClaim(claims, 'color');

  return {
    token,
    ...(exp === undefined ? {} : { expiresAt: new Date(exp).toISOString() }),
    user: { id, name, color: color && /^#[0-9a-f]{6}$/i.test(color) ? color : '#64748b' },
  };
}

function decodeClaims(segment: string): Record<string, unknown> {
  try {
    const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '=');
    const bytes = Uint8Array.from(atob(padded), (char) => char.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (typeof claims === 'object' && claims !== null && !Array.isArray(claims)) {
      return claims as Record<string, unknown>;
    }
  } catch {
    // reported below
  }
  throw new Error('The token payload could not be read.');
}

function stringClaim(claims: Record<string, unknown>, key: string): string | undefined {
  const value = claims[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
