import { ErrorCode } from '@ensemble/protocol';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from './context.js';
import { errorBody, installErrorHandling } from './errors.js';
import { installHttpMetrics } from './metrics.js';
import { installApiRateLimit } from './rate-limit.js';
import { activityRoutes } from './routes/activity.js';
import { catalogRoutes } from './routes/catalog/index.js';
import { chatRoutes } from './routes/chat.js';
import { devTokenRoutes } from './routes/dev-token.js';
import { healthRoutes } from './routes/health.js';
import { infoRoutes } from './routes/info.js';
import { meRoutes } from './routes/me.js';
import { publishRoutes } from './routes/publish/index.js';
import { roomRoutes } from './routes/rooms.js';
import { studioRoutes } from './routes/studio.js';
import { DEFAULT_WEB_DIR, installWebApp } from './web-static.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Routes that answer without the database; every other /api route gets 503 while it is down. */
    availableWithoutDatabase?: boolean;
  }
}

/** The Fastify app: routes, validation, OpenAPI, metrics, errors, web app. Does not listen. */
export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; the cast keeps Fastify's generics at their defaults.
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: ctx.config.bodyLimitBytes,
    // Behind proxies, `request.ip` (per-IP rate limits) names the client, not the load balancer;
    // sync upgrades count hops the same way (client-ip.ts).
    trustProxy:
      ctx.config.trustProxyHops > 0
        ? (_address: string, hop: number) => hop < ctx.config.trustProxyHops
        : false,
    requestIdHeader: 'x-request-id',
    // Per-request lines only at debug/trace; /metrics carries request rates and latencies.
    logController: new LogController({
      disableRequestLogging: ctx.config.logLevel !== 'debug' && ctx.config.logLevel !== 'trace',
    }),
    // Idle keep-alive sockets would hold a graceful shutdown open; in-flight requests still drain.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app, ctx.health);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Ensemble API',
        version: ctx.version,
        description:
          'HTTP API of Ensemble. Realtime sync is on the WebSocket endpoint `/sync/<room>`. Every `/api/v1` ' +
          'route may answer 429 `ENSEMBLE_RATE_LIMITED` with `Retry-After` (seconds) once a user or IP ' +
          'spent its budget (ENSEMBLE_API_REQUESTS_PER_MINUTE).',
      },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/v1/')) return;
    if (request.routeOptions.config.availableWithoutDatabase) return;
    if (!ctx.health.databaseOk) {
      return reply
        .status(503)
        .header('retry-after', '5')
        .send(errorBody(ErrorCode.DatabaseUnavailable, 'the database is unavailable; try again shortly'));
    }
  });

  installApiRateLimit(app, ctx);

  // While draining, each finished response also ends its keep-alive connection, so shutdown does
  // not wait for Fastify's 72 s keep-alive timeout.
  app.addHook('onSend', async (_request, reply) => {
    if (ctx.isShuttingDown()) reply.header('connection', 'close');
  });

  installHttpMetrics(app, ctx.metrics);
  await app.register(healthRoutes, { ctx });
  await app.register(infoRoutes, { ctx });
  await app.register(meRoutes, { ctx });
  await app.register(roomRoutes, { ctx });
  await app.register(activityRoutes, { ctx });
  await app.register(studioRoutes, { ctx });
  await app.register(chatRoutes, { ctx });
  await app.register(publishRoutes, { ctx });
  await app.register(catalogRoutes, { ctx });
  if (ctx.config.mode === 'dev' && ctx.devSecret) {
    await app.register(devTokenRoutes, { ctx, secret: ctx.devSecret });
  }
  await installWebApp(app, ctx.config.webDir ?? DEFAULT_WEB_DIR);
  return app;
}
