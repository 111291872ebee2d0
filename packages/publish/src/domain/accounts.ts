import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '@ensemble/storage';
import type { TokenCipher } from '../crypto/token-cipher.js';
import { type Caller, notFound, requireAdmin, requireMember } from './caller.js';
import { requireClient } from './clients.js';
import { ensureCompany } from './companies.js';
import { ACCOUNT_COLUMNS, type AccountRow, toAccount } from './rows.js';
import type { Account, Platform } from './types.js';

export interface ConnectAccountInput {
  platform: Platform;
  externalId: string;
  name: string;
  accessToken: string;
  tokenExpiresAt?: Date | null | undefined;
  clientId?: string | null | undefined;
}

export async function listAccounts(db: Queryable, caller: Caller, companyId: string): Promise<Account[]> {
  requireMember(caller, companyId);
  const { rows } = await db.query<AccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM publish_accounts
     WHERE company_id = $1 AND disconnected_at IS NULL ORDER BY platform, name, id`,
    [companyId],
  );
  return rows.map(toAccount);
}

export async function getAccountRow(
  db: Queryable,
  companyId: string,
  accountId: string,
): Promise<AccountRow> {
  const { rows } = await db.query<AccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM publish_accounts WHERE company_id = $1 AND id = $2`,
    [companyId, accountId],
  );
  if (!rows[0]) throw notFound(`account ${accountId}`);
  return rows[0];
}

/**
 * Connects an account, or reconnects the same platform identity with a fresh token (which also
 * clears `needs_reauth`). The token is encrypted before it reaches SQL.
 */
export async function connectAccount(
  db: Database,
  cipher: TokenCipher,
  caller: Caller,
  companyId: string,
  input: ConnectAccountInput,
): Promise<Account> {
  requireAdmin(caller, companyId);
  return db.transaction(async (tx) => {
    await ensureCompany(tx, companyId);
    if (input.clientId) await requireClient(tx, companyId, input.clientId);
    const existing = await tx.query<{ id: string }>(
      'SELECT id FROM publish_accounts WHERE company_id = $1 AND platform = $2 AND external_id = $3 FOR UPDATE',
      [companyId, input.platform, input.externalId],
    );
    const id = existing.rows[0]?.id ?? randomUUID();
    const sealed = cipher.encrypt(input.accessToken, id);
    const { rows } = await tx.query<AccountRow>(
      `INSERT INTO publish_accounts (id, company_id, client_id, platform, external_id, name, token_ciphertext, token_expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET
         client_id = EXCLUDED.client_id, name = EXCLUDED.name, token_ciphertext = EXCLUDED.token_ciphertext,
         token_expires_at = EXCLUDED.token_expires_at, status = 'connected', status_reason = NULL,
         backoff_until = NULL, disconnected_at = NULL, updated_at = now()
       RETURNING ${ACCOUNT_COLUMNS}`,
      [
        id,
        companyId,
        input.clientId ?? null,
        input.platform,
        input.externalId,
        input.name,
        sealed,
        input.tokenExpiresAt ?? null,
      ],
    );
    return toAccount(rows[0]!);
  });
}

/**
 * Forgets the token and hides the account. Posts still waiting to go out on it fail now, with a
 * reason, rather than at their time — the user should hear about it while they can still act.
 */
export async function disconnectAccount(
  db: Database,
  caller: Caller,
  companyId: string,
  accountId: string,
): Promise<Account> {
  requireAdmin(caller, companyId);
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<AccountRow>(
      `UPDATE publish_accounts SET token_ciphertext = NULL, disconnected_at = COALESCE(disconnected_at, now()), updated_at = now()
       WHERE company_id = $1 AND id = $2 RETURNING ${ACCOUNT_COLUMNS}`,
      [companyId, accountId],
    );
    if (!rows[0]) throw notFound(`account ${accountId}`);
    await tx.query(
      `UPDATE publish_posts SET status = 'failed', last_error_code = 'account_disconnected',
         last_error = 'the account was disconnected before the post went out', due_at = NULL,
         version = version + 1, updated_at = now()
       WHERE account_id = $1 AND status = 'scheduled'`,
      [accountId],
    );
    return toAccount(rows[0]);
  });
}
