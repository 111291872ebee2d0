import { isPublishConflict } from '@ensemble/publish';
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';
import { errorBody } from '../../errors.js';
import { companyRoutes } from './company-routes.js';
import { postRoutes } from './post-routes.js';
import { publishCipher, publishQueue } from './publish-context.js';

/**
 * The Publish API. Its pg-boss instance only enqueues (workers supervise the queue) and starts on
 * the first write, so nodes that never schedule a post never install the queue.
 */
export const publishRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const queue = publishQueue(ctx.config, ctx.db, {
    supervise: false,
    onError: (error) => ctx.log.warn({ err: error }, 'publish queue error'),
  });
  const publish = { db: ctx.db, queue, cipher: publishCipher(ctx.config, ctx.devSecret) };
  app.addHook('onClose', async () => {
    await queue.stop(ctx.config.shutdownTimeoutMs);
  });
  // Rule violations of the post lifecycle are 409s; everything else goes to the app's handler.
  app.setErrorHandler((error, _request, reply) => {
    if (isPublishConflict(error)) return reply.status(409).send(errorBody(error.code, error.message));
    throw error;
  });
  await app.register(companyRoutes, { ctx, publish });
  await app.register(postRoutes, { ctx, publish });
};
