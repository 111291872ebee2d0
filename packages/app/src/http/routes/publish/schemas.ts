import {
  ACCOUNT_STATUSES,
  type Account,
  ATTEMPT_EVENTS,
  type AttemptLogEntry,
  type Client,
  MEDIA_TYPES,
  PLATFORMS,
  POST_STATUSES,
  type Post,
} from '@ensemble/publish';
import { z } from 'zod';
import { authErrors, errorSchema } from '../../schemas.js';

/** Wire shapes of the Publish API. Dates travel as ISO-8601 strings; tokens never travel back. */

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export const companyParams = z.object({ companyId: z.string().min(1).max(200) });
export const accountParams = companyParams.extend({ accountId: z.uuid() });
export const postParams = companyParams.extend({ postId: z.uuid() });

export const mediaSchema = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2048),
  type: z.enum(MEDIA_TYPES),
});

export const productSchema = z
  .object({
    sku: z.string().trim().min(1).max(100),
    name: z.string().trim().min(1).max(200),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .describe('The product page readers are sent to'),
    image: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .nullable()
      .default(null),
  })
  .describe('ProductCard: a catalog product attached to a post; its link is appended to the published text');

export const companySchema = z
  .object({ id: z.string(), name: z.string(), role: z.string() })
  .describe('Company');

export const accountSchema = z
  .object({
    id: z.string(),
    companyId: z.string(),
    clientId: z.string().nullable(),
    platform: z.enum(PLATFORMS),
    externalId: z.string(),
    name: z.string(),
    status: z.enum(ACCOUNT_STATUSES),
    statusReason: z.string().nullable(),
    tokenExpiresAt: z.string().nullable(),
    backoffUntil: z.string().nullable(),
    connected: z.boolean(),
    createdAt: z.string(),
  })
  .describe('SocialAccount');

export const clientSchema = z
  .object({
    id: z.string(),
    companyId: z.string(),
    name: z.string(),
    createdAt: z.string(),
    accounts: z.array(accountSchema),
  })
  .describe('Client');

export const postSchema = z
  .object({
    id: z.string(),
    companyId: z.string(),
    clientId: z.string().nullable(),
    accountId: z.string(),
    authorId: z.string(),
    content: z.string(),
    media: z.array(mediaSchema),
    product: productSchema.nullable(),
    scheduledAt: z.string().nullable(),
    timeZone: z.string(),
    status: z.enum(POST_STATUSES),
    version: z.number().int(),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastErrorCode: z.string().nullable(),
    lastError: z.string().nullable(),
    externalId: z.string().nullable(),
    externalUrl: z.string().nullable(),
    publishedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe('Post');

export const attemptSchema = z
  .object({
    id: z.number().int(),
    attempt: z.number().int(),
    event: z.enum(ATTEMPT_EVENTS),
    workerId: z.string().nullable(),
    errorClass: z.string().nullable(),
    errorCode: z.string().nullable(),
    message: z.string().nullable(),
    httpStatus: z.number().int().nullable(),
    externalId: z.string().nullable(),
    at: z.string(),
  })
  .describe('PublishAttemptEvent');

export const postWithAttemptsSchema = postSchema
  .extend({ attemptLog: z.array(attemptSchema) })
  .describe('PostWithAttempts');

export function accountDto(a: Account): z.infer<typeof accountSchema> {
  return {
    ...a,
    tokenExpiresAt: iso(a.tokenExpiresAt),
    backoffUntil: iso(a.backoffUntil),
    createdAt: a.createdAt.toISOString(),
  };
}

export function clientDto(c: Client & { accounts?: Account[] }): z.infer<typeof clientSchema> {
  return {
    id: c.id,
    companyId: c.companyId,
    name: c.name,
    createdAt: c.createdAt.toISOString(),
    accounts: (c.accounts ?? []).map(accountDto),
  };
}

export function postDto(p: Post): z.infer<typeof postSchema> {
  return {
    id: p.id,
    companyId: p.companyId,
    clientId: p.clientId,
    accountId: p.accountId,
    authorId: p.authorId,
    content: p.content,
    media: p.media,
    product: p.product,
    scheduledAt: iso(p.scheduledAt),
    timeZone: p.timeZone,
    status: p.status,
    version: p.version,
    attempts: p.attempts,
    nextAttemptAt: iso(p.nextAttemptAt),
    lastErrorCode: p.lastErrorCode,
    lastError: p.lastError,
    externalId: p.externalId,
    externalUrl: p.externalUrl,
    publishedAt: iso(p.publishedAt),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function attemptDto(a: AttemptLogEntry): z.infer<typeof attemptSchema> {
  return { ...a, at: a.at.toISOString() };
}

/** Errors every Publish route can answer besides its success. */
export const publishErrors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, ...authErrors } as const;
export const writeErrors = { ...publishErrors, 409: errorSchema } as const;
export const publishTags = ['publish'];
