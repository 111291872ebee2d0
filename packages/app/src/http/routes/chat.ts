import type { ChatExport, Role } from '@ensemble/server';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roomCaller } from '../auth.js';
import type { AppContext } from '../context.js';
import { authErrors, bearerSecurity, errorSchema, roomParams } from '../schemas.js';

const anchor = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('node'), id: z.string() }),
  z.object({
    kind: z.literal('text'),
    field: z.string().describe('Name of a root Y.Text'),
    start: z.string().describe('base64 of Y.encodeRelativePosition'),
    end: z.string().describe('base64 of Y.encodeRelativePosition'),
  }),
]);

const message = z
  .object({
    id: z.string().uuid(),
    seq: z.number(),
    userId: z.string(),
    userName: z.string(),
    text: z.string().describe('Empty once deleted'),
    parentId: z.string().nullable().describe('The thread’s first message, for replies'),
    anchor: anchor.nullable().describe('Set on comments'),
    createdAt: z.string(),
    editedAt: z.string().nullable(),
    deletedAt: z.string().nullable(),
    deletedBy: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    resolvedBy: z.string().nullable(),
    reactions: z.array(
      z.object({
        emoji: z.string(),
        count: z.number(),
        users: z.array(z.object({ userId: z.string(), name: z.string() })),
      }),
    ),
    replyCount: z.number(),
  })
  .describe('ChatMessage');

const stats = z
  .object({
    messages: z.number(),
    replies: z.number(),
    deleted: z.number(),
    users: z.array(z.object({ userId: z.string(), name: z.string(), messages: z.number() })),
    days: z.array(z.object({ day: z.string(), messages: z.number() })),
    reactions: z.object({
      total: z.number(),
      byEmoji: z.array(z.object({ emoji: z.string(), count: z.number() })),
    }),
    comments: z.object({ open: z.number(), resolved: z.number() }),
  })
  .describe('ChatStats');

const filter = {
  userId: z.string().optional().describe('Only messages by this user id'),
  from: z.string().optional().describe('ISO date-time, inclusive'),
  to: z.string().optional().describe('ISO date-time, inclusive'),
  token: z.string().optional(),
};
const limit = (max: number) => z.coerce.number().int().min(1).max(max).optional();

const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, ...authErrors } as const;

/** Drops `token` and undefined values: the chat service validates the rest with its own schemas. */
function serviceParams(query: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([k, v]) => k !== 'token' && v !== undefined));
}

/**
 * REST for a room's chat (issue 4 §3): read, post, search, stats and export (JSON, CSV, TXT). Same
 * roles as the sockets: viewers read, commenters and up post. Everything goes through the room's
 * chat service, so REST posts are broadcast live like any other message.
 */
export const chatRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const chat = async (
    request: FastifyRequest & { params: { room: string } },
    minimum: Role,
    method: string,
    params: unknown,
  ) => {
    const { room } = request.params;
    return ctx.sync.call(room, 'chat', method, params, await roomCaller(ctx, request, room, minimum));
  };

  app.get(
    '/api/v1/rooms/:room/chat/messages',
    {
      schema: {
        tags: ['chat'],
        summary: 'The room’s chat, newest first, one page at a time',
        description:
          'Pass the previous page’s `nextBefore` as `before` for older messages; `threadOf` lists a thread’s replies.',
        security: bearerSecurity,
        params: roomParams,
        querystring: z.object({
          before: z.string().optional(),
          limit: limit(200),
          threadOf: z.string().optional(),
          ...filter,
        }),
        response: {
          200: z.object({ messages: z.array(message), nextBefore: z.string().nullable() }),
          ...errors,
        },
      },
    },
    async (request) =>
      (await chat(request, 'viewer', 'list', serviceParams(request.query))) as {
        messages: z.infer<typeof message>[];
        nextBefore: string | null;
      },
  );

  app.post(
    '/api/v1/rooms/:room/chat/messages',
    {
      schema: {
        tags: ['chat'],
        summary: 'Post a message, a reply (`parentId`) or a comment (`anchor`); commenter or higher',
        security: bearerSecurity,
        params: roomParams,
        body: z.object({ text: z.string(), parentId: z.string().optional(), anchor: anchor.optional() }),
        response: { 201: message, ...errors },
      },
    },
    async (request, reply) => {
      const sent = await chat(request, 'commenter', 'send', request.body);
      return reply.status(201).send(sent as z.infer<typeof message>);
    },
  );

  app.get(
    '/api/v1/rooms/:room/chat/search',
    {
      schema: {
        tags: ['chat'],
        summary: 'Full-text search of the room’s chat and comments (web-search syntax: "phrase", -word, or)',
        security: bearerSecurity,
        params: roomParams,
        querystring: z.object({ q: z.string(), limit: limit(200), ...filter }),
        response: { 200: z.object({ messages: z.array(message) }), ...errors },
      },
    },
    async (request) =>
      (await chat(request, 'viewer', 'search', serviceParams(request.query))) as {
        messages: z.infer<typeof message>[];
      },
  );

  app.get(
    '/api/v1/rooms/:room/chat/comments',
    {
      schema: {
        tags: ['chat'],
        summary: 'Comments with their replies and, for text anchors, where they sit in the document now',
        security: bearerSecurity,
        params: roomParams,
        querystring: z.object({
          target: z.string().optional().describe('A node id or a text field name'),
          resolved: z.enum(['true', 'false']).optional(),
          token: z.string().optional(),
        }),
        response: { 200: z.object({ comments: z.array(z.record(z.string(), z.unknown())) }), ...errors },
      },
    },
    async (request) => {
      const { target, resolved } = request.query;
      const params = {
        ...(target === undefined ? {} : { target }),
        ...(resolved === undefined ? {} : { resolved: resolved === 'true' }),
      };
      return (await chat(request, 'viewer', 'comments', params)) as { comments: Record<string, unknown>[] };
    },
  );

  app.get(
    '/api/v1/rooms/:room/chat/stats',
    {
      schema: {
        tags: ['chat'],
        summary: 'Messages per user and per UTC day, reactions, open and resolved comments',
        security: bearerSecurity,
        params: roomParams,
        querystring: z.object(filter),
        response: { 200: stats, ...errors },
      },
    },
    async (request) =>
      (await chat(request, 'viewer', 'stats', serviceParams(request.query))) as z.infer<typeof stats>,
  );

  app.get(
    '/api/v1/rooms/:room/chat/export',
    {
      schema: {
        tags: ['chat'],
        summary: 'Download the chat as JSON, CSV (RFC 4180) or plain text, oldest first',
        description: 'Deleted messages are left out. Served as an attachment named after the room and day.',
        security: bearerSecurity,
        params: roomParams,
        querystring: z.object({
          format: z.enum(['json', 'csv', 'txt']).default('json'),
          limit: limit(100_000),
          ...filter,
        }),
        // No 200 schema: the body is the file itself.
      },
    },
    async (request, reply) => {
      const file = (await chat(request, 'viewer', 'export', serviceParams(request.query))) as ChatExport;
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );
};
