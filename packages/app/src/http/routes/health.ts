import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';

const check = z.object({ ok: z.boolean(), error: z.string().optional() });
const readiness = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({
    database: check,
    migrations: check.extend({ current: z.number().optional(), expected: z.number().optional() }),
    shutdown: check.optional(),
  }),
});

/** Liveness and readiness for load balancers and orchestrators. */
export const healthRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Liveness: the process is up and serving HTTP',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness: database reachable and migrations applied',
        response: { 200: readiness, 503: readiness },
      },
    },
    async (_request, reply) => {
      await ctx.health.check();
      const report = ctx.health.report();
      const shuttingDown = ctx.isShuttingDown();
      const ready = report.ready && !shuttingDown;
      return reply.status(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not_ready',
        checks: {
          ...report.checks,
          ...(shuttingDown ? { shutdown: { ok: false, error: 'shutting down' } } : {}),
        },
      });
    },
  );
};
