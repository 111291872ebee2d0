import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roomCaller } from '../auth.js';
import type { AppContext } from '../context.js';
import { authErrors, bearerSecurity, errorSchema, roomParams } from '../schemas.js';

const entry = z
  .object({
    id: z.string(),
    type: z.string().describe('joined, left, edited, saved, restored, locked, unlocked, chat, run, build…'),
    userId: z.string(),
    userName: z.string(),
    data: z
      .record(z.string(), z.unknown())
      .describe('`{ edits }` for edited, `{ resource, kind }` for locks…'),
    at: z.string(),
    until: z.string().describe('Last moment a coalesced entry covers (its last edit); `at` otherwise'),
  })
  .describe('ActivityEntry');

const userSummary = z.object({
  userId: z.string(),
  userName: z.string(),
  edits: z.number(),
  messages: z.number(),
  saves: z.number(),
  locks: z.number(),
  runs: z.number(),
  builds: z.number(),
  lastActiveAt: z.string(),
  text: z.string().describe('e.g. "Ana: 12 edits in the last 5 min"'),
});

const isoTime = z.string().datetime({ offset: true });

/**
 * The activity stream over REST (issue 4 §4): the same service and store the sockets use, so a
 * dashboard or a CI job reads exactly what the room shows.
 */
export const activityRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/rooms/:room/activity',
    {
      schema: {
        tags: ['rooms'],
        summary: 'The room’s activity stream, newest first; page with `before=<next>`',
        security: bearerSecurity,
        params: roomParams,
        querystring: z.object({
          since: isoTime.optional(),
          until: isoTime.optional(),
          types: z.string().optional().describe('Comma-separated, e.g. `joined,left`'),
          userId: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          before: z.string().optional().describe('An entry id: only older entries'),
          token: z.string().optional(),
        }),
        response: {
          200: z.object({ entries: z.array(entry), next: z.string().nullable() }),
          400: errorSchema,
          403: errorSchema,
          404: errorSchema,
          ...authErrors,
        },
      },
    },
    async (request) => {
      const { room } = request.params;
      const { token: _token, types, ...query } = request.query;
      const params = { ...query, ...(types ? { types: types.split(',').filter(Boolean) } : {}) };
      const result = await ctx.sync.call(
        room,
        'activity',
        'list',
        params,
        await roomCaller(ctx, request, room, 'viewer'),
      );
      return result as { entries: z.infer<typeof entry>[]; next: string | null };
    },
  );

  app.get(
    '/api/v1/rooms/:room/activity/summary',
    {
      schema: {
        tags: ['rooms'],
        summary: 'Who did what in the last `windowMs` (default 5 min): "Ana: 12 edits in the last 5 min"',
        security: bearerSecurity,
        params: roomParams,
        querystring: z.object({
          windowMs: z.coerce
            .number()
            .int()
            .min(1_000)
            .max(30 * 86_400_000)
            .default(5 * 60_000),
          token: z.string().optional(),
        }),
        response: {
          200: z.object({
            windowMs: z.number(),
            since: z.string(),
            users: z.array(userSummary),
            text: z.string(),
          }),
          400: errorSchema,
          403: errorSchema,
          ...authErrors,
        },
      },
    },
    async (request) => {
      const { room } = request.params;
      const result = await ctx.sync.call(
        room,
        'activity',
        'summary',
        { windowMs: request.query.windowMs },
        await roomCaller(ctx, request, room, 'viewer'),
      );
      return result as {
        windowMs: number;
        since: string;
        users: z.infer<typeof userSummary>[];
        text: string;
      };
    },
  );
};
