import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import { z } from 'zod';
import { parseParams } from '../params.js';

export const MAX_TEXT_CHARS = 4_000;
export const MAX_EMOJI_CHARS = 16;
export const MAX_PAGE = 200;
export const MAX_EXPORT = 100_000;

const messageId = z.string().uuid('must be a message id (uuid)');
const text = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_TEXT_CHARS, `must be at most ${MAX_TEXT_CHARS} characters`);
const time = z.string().datetime({ offset: true, message: 'must be an ISO 8601 date-time' });
/** One relative position: base64 of `Y.encodeRelativePosition` (a few dozen bytes at most). */
const relativePosition = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64 of Y.encodeRelativePosition');

export const anchorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('node'), id: z.string().min(1).max(512) }),
  z.object({
    kind: z.literal('text'),
    field: z.string().min(1).max(256),
    start: relativePosition,
    end: relativePosition,
  }),
]);

const filter = {
  userId: z.string().min(1).max(256).optional(),
  from: time.optional(),
  to: time.optional(),
};

export const chatParams = {
  send: z.object({ text, parentId: messageId.optional(), anchor: anchorSchema.optional() }),
  comment: z.object({ text, anchor: anchorSchema }),
  edit: z.object({ id: messageId, text }),
  delete: z.object({ id: messageId }),
  react: z.object({
    id: messageId,
    emoji: z
      .string()
      .min(1, 'must not be empty')
      .max(MAX_EMOJI_CHARS, `must be at most ${MAX_EMOJI_CHARS} characters`)
      .regex(/^[^\s\p{Cc}]+$/u, 'must be one emoji or short code without spaces'),
  }),
  typing: z.object({ typing: z.boolean() }),
  read: z.object({ upTo: messageId }),
  list: z.object({
    before: messageId.optional(),
    limit: z.number().int().min(1).max(MAX_PAGE).default(50),
    threadOf: messageId.optional(),
    ...filter,
  }),
  search: z.object({
    q: z.string().trim().min(1, 'must not be empty').max(256),
    limit: z.number().int().min(1).max(MAX_PAGE).default(50),
    ...filter,
  }),
  stats: z.object(filter),
  export: z.object({
    format: z.enum(['json', 'csv', 'txt']).default('json'),
    limit: z.number().int().min(1).max(MAX_EXPORT).default(MAX_EXPORT),
    ...filter,
  }),
  resolve: z.object({ id: messageId, resolved: z.boolean().default(true) }),
  comments: z.object({ target: z.string().min(1).max(512).optional(), resolved: z.boolean().optional() }),
};

export type ChatParams = { [K in keyof typeof chatParams]: z.infer<(typeof chatParams)[K]> };

/** Parses `params` or throws one clear BadRequest naming every bad field. */
export function parseChat<K extends keyof typeof chatParams>(method: K, params: unknown): ChatParams[K] {
  return parseParams<unknown>(chatParams[method], params, `chat ${method}`) as ChatParams[K];
}

/** Turns the optional ISO bounds into Dates, refusing an inverted range. */
export function toFilter(p: {
  userId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}) {
  const from = p.from === undefined ? undefined : new Date(p.from);
  const to = p.to === undefined ? undefined : new Date(p.to);
  if (from && to && from > to) throw new EnsembleError(ErrorCode.BadRequest, 'from must not be after to');
  return { userId: p.userId, from, to };
}
