import { EnsembleError, ErrorCode } from '@ensemble/protocol';

export type TenantRole = 'member' | 'admin' | 'owner';

/**
 * Who is asking: the user and the companies their token names. Every domain function takes one, and
 * a company outside `tenants` behaves exactly like a company that does not exist (NotFound), so a
 * token can never learn which other companies or posts exist.
 */
export interface Caller {
  userId: string;
  tenants: readonly { companyId: string; role: TenantRole }[];
}

export function notFound(what: string): EnsembleError {
  return new EnsembleError(ErrorCode.NotFound, `${what} not found`);
}

/** The caller's role in `companyId`, or NotFound when they are not a member. */
export function requireMember(caller: Caller, companyId: string): TenantRole {
  const tenant = caller.tenants.find((t) => t.companyId === companyId);
  if (!tenant) throw notFound(`company ${companyId}`);
  return tenant.role;
}

/** Connecting accounts and managing clients changes what the whole company can post as. */
export function requireAdmin(caller: Caller, companyId: string): void {
  const role = requireMember(caller, companyId);
  if (role === 'member') {
    throw new EnsembleError(
      ErrorCode.Forbidden,
      `role member in company ${companyId} cannot do this: admin or owner is required`,
    );
  }
}
