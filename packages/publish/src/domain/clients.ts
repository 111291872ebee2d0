import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '@ensemble/storage';
import { type Caller, notFound, requireAdmin, requireMember } from './caller.js';
import { ensureCompany } from './companies.js';
import { ACCOUNT_COLUMNS, type AccountRow, type ClientRow, toAccount, toClient } from './rows.js';
import type { Account, Client } from './types.js';

export interface ClientWithAccounts extends Client {
  accounts: Account[];
}

export async function createClient(
  db: Database,
  caller: Caller,
  companyId: string,
  name: string,
): Promise<Client> {
  requireAdmin(caller, companyId);
  return db.transaction(async (tx) => {
    await ensureCompany(tx, companyId);
    const { rows } = await tx.query<ClientRow>(
      'INSERT INTO publish_clients (id, company_id, name) VALUES ($1, $2, $3) RETURNING id, company_id, name, created_at',
      [randomUUID(), companyId, name],
    );
    return toClient(rows[0]!);
  });
}

/** Clients of an agency company, each with the connected accounts assigned to it. */
export async function listClients(
  db: Queryable,
  caller: Caller,
  companyId: string,
): Promise<ClientWithAccounts[]> {
  requireMember(caller, companyId);
  const { rows: clients } = await db.query<ClientRow>(
    'SELECT id, company_id, name, created_at FROM publish_clients WHERE company_id = $1 ORDER BY name, id',
    [companyId],
  );
  const { rows: accounts } = await db.query<AccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM publish_accounts
     WHERE company_id = $1 AND client_id IS NOT NULL AND disconnected_at IS NULL ORDER BY name, id`,
    [companyId],
  );
  return clients.map((c) => ({
    ...toClient(c),
    accounts: accounts.filter((a) => a.client_id === c.id).map(toAccount),
  }));
}

/** NotFound unless the client belongs to the company (which the caller was already checked against). */
export async function requireClient(db: Queryable, companyId: string, clientId: string): Promise<void> {
  const { rowCount } = await db.query('SELECT 1 FROM publish_clients WHERE company_id = $1 AND id = $2', [
    companyId,
    clientId,
  ]);
  if (rowCount === 0) throw notFound(`client ${clientId}`);
}
