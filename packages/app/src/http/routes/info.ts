import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';

export const infoSchema = z.object({
  name: z.literal('ensemble'),
  version: z.string(),
  mode: z.enum(['dev', 'production']),
  database: z.enum(['pglite', 'postgres']),
  cluster: z.boolean().describe('True when running as one node of several (REDIS_URL set)'),
  uptimeSeconds: z.number(),
  startedAt: z.string(),
});

/** Public facts about this node; the web app reads the mode from here. */
export const infoRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/info',
    {
      config: { availableWithoutDatabase: true },
      schema: {
        tags: ['operations'],
        summary: 'Version, mode and storage of this node',
        response: { 200: infoSchema },
      },
    },
    async () => ({
      name: 'ensemble' as const,
      version: ctx.version,
      mode: ctx.config.mode,
      database: ctx.db.kind,
      cluster: Boolean(ctx.config.redisUrl),
      uptimeSeconds: Math.round((Date.now() - ctx.startedAt.getTime()) / 1000),
      startedAt: ctx.startedAt.toISOString(),
    }),
  );
};
