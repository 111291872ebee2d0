/**
 * Ensemble token claims: the zod schema every verified JWT payload must pass, and the `Principal`
 * (the authenticated user and what they may do) derived from it. Standard claims (`exp`, `iat`,
 * `nbf`, `iss`, `aud`) are checked by jose before this schema runs.
 */
import { z } from 'zod';

/** Room roles, weakest first: each role can do everything the roles before it can. */
export const ROLES = ['viewer', 'commenter', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles in a company (Publish product), unrelated to room roles. */
export const TENANT_ROLES = ['member', 'admin', 'owner'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

/**
 * Accepted `color` values. Colors end up in CSS, so only shapes that cannot break out of a
 * declaration are allowed: hex (`#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`), `rgb()/rgba()/hsl()/hsla()`
 * with numeric arguments, or a bare color keyword such as `teal`.
 */
const CSS_COLOR =
  /^(#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})|(?:rgb|rgba|hsl|hsla)\([0-9.,%/\sa-z-]{1,64}\)|[a-z]{3,32})$/i;

export const roleSchema = z.enum(ROLES);

export const tenantMembershipSchema = z.object({
  companyId: z.string().min(1),
  role: z.enum(TENANT_ROLES),
});

export const claimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string().min(1).optional(),
  color: z.string().regex(CSS_COLOR, 'expected a CSS color such as #aabbcc').optional(),
  avatar: z.url({ protocol: /^https?$/ }).optional(),
  /** Room pattern (`*` = any run of characters) → role. Grants are additive. */
  rooms: z.record(z.string().min(1), roleSchema).default({}),
  tenants: z.array(tenantMembershipSchema).default([]),
  exp: z.number().optional(),
});

/** Claims as written into a token (defaults not yet applied). */
export type EnsembleClaimsInput = z.input<typeof claimsSchema>;
/** Claims after validation (defaults applied). */
export type EnsembleClaims = z.output<typeof claimsSchema>;

export interface RoomGrant {
  /** Room name pattern; `*` matches any run of characters (including none and `:`). */
  pattern: string;
  role: Role;
}

export type TenantMembership = z.output<typeof tenantMembershipSchema>;

export interface PrincipalUser {
  id: string;
  /** Display name; defaults to the user id. */
  name: string;
  color?: string;
  avatar?: string;
}

export interface Principal {
  user: PrincipalUser;
  rooms: RoomGrant[];
  tenants: TenantMembership[];
  /** When the token stops being valid (`exp`); absent for tokens without expiry. */
  expiresAt?: Date;
}

/** Turns validated claims into a `Principal`. */
export function principalFromClaims(claims: EnsembleClaims): Principal {
  const user: PrincipalUser = { id: claims.sub, name: claims.name ?? claims.sub };
  if (claims.color !== undefined) user.color = claims.color;
  if (claims.avatar !== undefined) user.avatar = claims.avatar;
  const principal: Principal = {
    user,
    rooms: Object.entries(claims.rooms).map(([pattern, role]) => ({ pattern, role })),
    tenants: claims.tenants.map((t) => ({ companyId: t.companyId, role: t.role })),
  };
  if (claims.exp !== undefined) principal.expiresAt = new Date(claims.exp * 1000);
  return principal;
}

/** Human-readable description of the first failing claim, e.g. `claim "rooms.idea:42": Invalid option…`. */
export function describeClaimsError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'claims are invalid';
  const path = issue.path.map(String).join('.') || '(payload)';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more issue(s))` : '';
  return `claim "${path}" is invalid: ${issue.message}${more}`;
}
