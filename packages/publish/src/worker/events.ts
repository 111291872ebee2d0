import type { Queryable } from '@ensemble/storage';
import type { AttemptEvent } from '../domain/types.js';

export interface AttemptEventInput {
  postId: string;
  companyId: string;
  attempt: number;
  event: AttemptEvent;
  workerId: string;
  errorClass?: string | null | undefined;
  errorCode?: string | null | undefined;
  message?: string | null | undefined;
  httpStatus?: number | null | undefined;
  externalId?: string | null | undefined;
}

/** Appends to the attempt log; rows are never changed afterwards. */
export async function logAttempt(tx: Queryable, e: AttemptEventInput): Promise<void> {
  await tx.query(
    `INSERT INTO publish_attempts (post_id, company_id, attempt, event, worker_id, error_class, error_code, message, http_status, external_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      e.postId,
      e.companyId,
      e.attempt,
      e.event,
      e.workerId,
      e.errorClass ?? null,
      e.errorCode ?? null,
      e.message ?? null,
      e.httpStatus ?? null,
      e.externalId ?? null,
    ],
  );
}
