import { ROLES, roleForRoom } from '@ensemble/server';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticate, requireRoomRole } from '../auth.js';
import type { AppContext } from '../context.js';
import { authErrors, bearerSecurity, errorSchema, principalSchema, roomParams } from '../schemas.js';

/** Who am I, and what may I do in a room — for clients and for scripts checking their tokens. */
export const meRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/me',
    {
      config: { availableWithoutDatabase: true },
      schema: {
        tags: ['auth'],
        summary: 'The principal the token names',
        security: bearerSecurity,
        response: { 200: principalSchema, ...authErrors },
      },
    },
    async (request) => {
      const principal = await authenticate(ctx, request);
      return { ...principal, expiresAt: principal.expiresAt?.toISOString() };
    },
  );

  app.get(
    '/api/v1/rooms/:room/access',
    {
      config: { availableWithoutDatabase: true },
      schema: {
        tags: ['auth'],
        summary: 'The caller’s role on a room; 403 without a grant (or below `?min=`)',
        security: bearerSecurity,
        params: roomParams,
        querystring: z.object({ min: z.enum(ROLES).default('viewer'), token: z.string().optional() }),
        response: {
          200: z.object({ room: z.string(), role: z.enum(ROLES) }),
          400: errorSchema,
          403: errorSchema,
          ...authErrors,
        },
      },
    },
    async (request) => {
      const principal = await authenticate(ctx, request);
      requireRoomRole(principal, request.params.room, request.query.min);
      return { room: request.params.room, role: roleForRoom(principal, request.params.room)! };
    },
  );

  app.get(
    '/api/v1/status',
    {
      schema: {
        tags: ['operations'],
        summary: 'Schema migrations applied to the database (needs any valid token)',
        security: bearerSecurity,
        response: {
          200: z.object({
            database: z.enum(['pglite', 'postgres']),
            migrations: z.array(z.object({ version: z.number(), name: z.string(), appliedAt: z.string() })),
          }),
          ...authErrors,
        },
      },
    },
    async (request) => {
      await authenticate(ctx, request);
      const { rows } = await ctx.db.query<{ version: number; name: string; applied_at: Date }>(
        'SELECT version, name, applied_at FROM ensemble_migrations ORDER BY version',
      );
      return {
        database: ctx.db.kind,
        migrations: rows.map((r) => ({
          version: r.version,
          name: r.name,
          appliedAt: r.applied_at.toISOString(),
        })),
      };
    },
  );
};
