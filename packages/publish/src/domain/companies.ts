import type { Queryable } from '@ensemble/storage';
import { type Caller, requireAdmin, requireMember } from './caller.js';
import { type CompanyRow, toCompany } from './rows.js';
import type { Company } from './types.js';

/**
 * Companies exist because a token names them: the first Publish write for a company creates its row
 * (named after its id until an admin renames it), so there is no separate provisioning step.
 */
export async function ensureCompany(db: Queryable, companyId: string): Promise<void> {
  await db.query('INSERT INTO publish_companies (id, name) VALUES ($1, $1) ON CONFLICT (id) DO NOTHING', [
    companyId,
  ]);
}

/** The caller's companies, including ones that have no row yet (shown with their id as name). */
export async function listCompanies(db: Queryable, caller: Caller): Promise<(Company & { role: string })[]> {
  const ids = caller.tenants.map((t) => t.companyId);
  if (ids.length === 0) return [];
  const { rows } = await db.query<CompanyRow>(
    'SELECT id, name, created_at FROM publish_companies WHERE id = ANY($1::text[])',
    [ids],
  );
  const byId = new Map(rows.map((r) => [r.id, toCompany(r)]));
  return caller.tenants.map((t) => ({
    ...(byId.get(t.companyId) ?? { id: t.companyId, name: t.companyId, createdAt: new Date(0) }),
    role: t.role,
  }));
}

export async function renameCompany(
  db: Queryable,
  caller: Caller,
  companyId: string,
  name: string,
): Promise<Company> {
  requireAdmin(caller, companyId);
  const { rows } = await db.query<CompanyRow>(
    `INSERT INTO publish_companies (id, name) VALUES ($1, $2)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, updated_at = now()
     RETURNING id, name, created_at`,
    [companyId, name],
  );
  return toCompany(rows[0]!);
}

export function assertMember(caller: Caller, companyId: string): void {
  requireMember(caller, companyId);
}
