import { type StoredMediaItem, splitStoredMedia } from './product-card.js';
import type {
  Account,
  AccountStatus,
  AttemptEvent,
  AttemptLogEntry,
  Client,
  Company,
  Platform,
  Post,
  PostStatus,
} from './types.js';

/** Rows as SQL returns them; mapped once here so no other file spells a column name twice. */
export interface CompanyRow extends Record<string, unknown> {
  id: string;
  name: string;
  created_at: Date;
}

export interface ClientRow extends Record<string, unknown> {
  id: string;
  company_id: string;
  name: string;
  created_at: Date;
}

export interface AccountRow extends Record<string, unknown> {
  id: string;
  company_id: string;
  client_id: string | null;
  platform: Platform;
  external_id: string;
  name: string;
  token_ciphertext: Uint8Array | null;
  token_expires_at: Date | null;
  status: AccountStatus;
  status_reason: string | null;
  backoff_until: Date | null;
  disconnected_at: Date | null;
  created_at: Date;
}

export interface PostRow extends Record<string, unknown> {
  id: string;
  company_id: string;
  client_id: string | null;
  account_id: string;
  author_id: string;
  content: string;
  /** Media plus the attached product, see product-card.ts. */
  media: StoredMediaItem[];
  scheduled_at: Date | null;
  time_zone: string;
  status: PostStatus;
  version: number;
  attempts: number;
  attempt_seq: number;
  due_at: Date | null;
  lease_attempt: number | null;
  lease_until: Date | null;
  uncertain: boolean;
  platform_state: Record<string, string>;
  last_error_code: string | null;
  last_error: string | null;
  external_id: string | null;
  external_url: string | null;
  published_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface AttemptRow extends Record<string, unknown> {
  id: number;
  attempt: number;
  event: AttemptEvent;
  worker_id: string | null;
  error_class: string | null;
  error_code: string | null;
  message: string | null;
  http_status: number | null;
  external_id: string | null;
  at: Date;
}

export const ACCOUNT_COLUMNS =
  'id, company_id, client_id, platform, external_id, name, token_ciphertext, token_expires_at, status, status_reason, backoff_until, disconnected_at, created_at';

export function toCompany(row: CompanyRow): Company {
  return { id: row.id, name: row.name, createdAt: row.created_at };
}

export function toClient(row: ClientRow): Client {
  return { id: row.id, companyId: row.company_id, name: row.name, createdAt: row.created_at };
}

export function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    companyId: row.company_id,
    clientId: row.client_id,
    platform: row.platform,
    externalId: row.external_id,
    name: row.name,
    status: row.status,
    statusReason: row.status_reason,
    tokenExpiresAt: row.token_expires_at,
    backoffUntil: row.backoff_until,
    connected: row.disconnected_at === null,
    createdAt: row.created_at,
  };
}

export function toPost(row: PostRow): Post {
  return {
    id: row.id,
    companyId: row.company_id,
    clientId: row.client_id,
    accountId: row.account_id,
    authorId: row.author_id,
    content: row.content,
    ...splitStoredMedia(row.media),
    scheduledAt: row.scheduled_at,
    timeZone: row.time_zone,
    status: row.status,
    version: row.version,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'publishing' || row.status === 'scheduled' ? row.due_at : null,
    lastErrorCode: row.last_error_code,
    lastError: row.last_error,
    externalId: row.external_id,
    externalUrl: row.external_url,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toAttempt(row: AttemptRow): AttemptLogEntry {
  return {
    id: row.id,
    attempt: row.attempt,
    event: row.event,
    workerId: row.worker_id,
    errorClass: row.error_class,
    errorCode: row.error_code,
    message: row.message,
    httpStatus: row.http_status,
    externalId: row.external_id,
    at: row.at,
  };
}
