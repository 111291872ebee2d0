import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { catalogFor, RebuildRunningError } from '../../../catalog/service.js';
import { authenticate, requireRoomRole } from '../../auth.js';
import type { AppContext } from '../../context.js';
import { errorBody } from '../../errors.js';
import { authErrors, bearerSecurity, errorSchema } from '../../schemas.js';
import {
  brandsResponse,
  productResponse,
  productsQuery,
  productsResponse,
  rebuildQuery,
  rebuildResponse,
  rebuildStatusResponse,
} from './schemas.js';

/**
 * Catalog API (issue 7): brands, filtered/searched/paged products, one product with its relationships and
 * their reasons, and an admin rebuild. Reads need any valid token; rebuild needs admin on room `catalog`
 * (a grant on `catalog` or `*`). Data comes from the in-memory export (see src/catalog/service.ts), so
 * these routes answer without the database.
 */
export const catalogRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const catalog = catalogFor(ctx);
  app.addHook('onClose', async () => catalog.stop());
  // A second rebuild while one runs on this node is a conflict, not a server error.
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof RebuildRunningError) {
      return reply.status(409).send(errorBody(error.code, error.message, { rebuild: error.progress }));
    }
    throw error;
  });

  app.get(
    '/api/v1/catalog/brands',
    {
      config: { availableWithoutDatabase: true },
      schema: {
        tags: ['catalog'],
        summary: 'Brands and universal categories with product counts',
        security: bearerSecurity,
        response: { 200: brandsResponse, ...authErrors },
      },
    },
    async (request) => {
      await authenticate(ctx, request);
      return { status: catalog.status, ...catalog.brands() };
    },
  );

  app.get(
    '/api/v1/catalog/products',
    {
      config: { availableWithoutDatabase: true },
      schema: {
        tags: ['catalog'],
        summary: 'Products filtered by brand / category / stock, with text search, paginated (by SKU)',
        security: bearerSecurity,
        querystring: productsQuery,
        response: { 200: productsResponse, 400: errorSchema, ...authErrors },
      },
    },
    async (request) => {
      await authenticate(ctx, request);
      return catalog.products(request.query);
    },
  );

  app.get(
    '/api/v1/catalog/products/:sku',
    {
      config: { availableWithoutDatabase: true },
      schema: {
        tags: ['catalog'],
        summary: 'One product with official data and its necessities, accessories and related (with reasons)',
        security: bearerSecurity,
        params: z.object({ sku: z.string().min(1).max(200) }),
        response: { 200: productResponse, 404: errorSchema, ...authErrors },
      },
    },
    async (request) => {
      await authenticate(ctx, request);
      return catalog.product(request.params.sku);
    },
  );

  app.post(
    '/api/v1/catalog/rebuild',
    {
      config: { availableWithoutDatabase: true },
      schema: {
        tags: ['catalog'],
        summary:
          'Rebuild the catalog from its sources in a worker thread and swap it in (admin on room `catalog`); 409 while a rebuild runs',
        security: bearerSecurity,
        querystring: rebuildQuery,
        response: {
          200: rebuildResponse,
          202: rebuildStatusResponse,
          403: errorSchema,
          409: errorSchema,
          500: errorSchema,
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const principal = await authenticate(ctx, request);
      requireRoomRole(principal, 'catalog', 'admin');
      const running = catalog.rebuild();
      if (!request.query.wait) {
        // Failures are recorded in the progress (GET /api/v1/catalog/rebuild) and the log.
        running.catch(() => undefined);
        return reply.status(202).send({ status: catalog.status, rebuild: catalog.progress });
      }
      const summary = await running;
      return { status: catalog.status, summary };
    },
  );

  app.get(
    '/api/v1/catalog/rebuild',
    {
      config: { availableWithoutDatabase: true },
      schema: {
        tags: ['catalog'],
        summary: "Progress of this node's current or last catalog rebuild (admin on room `catalog`)",
        security: bearerSecurity,
        response: { 200: rebuildStatusResponse, 403: errorSchema, ...authErrors },
      },
    },
    async (request) => {
      const principal = await authenticate(ctx, request);
      requireRoomRole(principal, 'catalog', 'admin');
      return { status: catalog.status, rebuild: catalog.progress };
    },
  );
};
