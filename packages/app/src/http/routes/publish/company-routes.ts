import {
  connectAccount,
  createClient,
  disconnectAccount,
  listAccounts,
  listClients,
  listCompanies,
  PLATFORMS,
  renameCompany,
} from '@ensemble/publish';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticate } from '../../auth.js';
import type { AppContext } from '../../context.js';
import { bearerSecurity } from '../../schemas.js';
import { callerOf, type PublishContext } from './publish-context.js';
import {
  accountDto,
  accountParams,
  accountSchema,
  clientDto,
  clientSchema,
  companyParams,
  companySchema,
  publishErrors,
  publishTags,
} from './schemas.js';

/** Companies (from the token's tenants), their agency clients, and connected social accounts. */
export const companyRoutes: FastifyPluginAsyncZod<{ ctx: AppContext; publish: PublishContext }> = async (
  app,
  { ctx, publish },
) => {
  const caller = async (request: Parameters<typeof authenticate>[1]) =>
    callerOf(await authenticate(ctx, request));

  app.get(
    '/api/v1/publish/companies',
    {
      schema: {
        tags: publishTags,
        summary: 'The companies the token is a member of',
        security: bearerSecurity,
        response: { 200: z.object({ companies: z.array(companySchema) }), ...publishErrors },
      },
    },
    async (request) => {
      const companies = await listCompanies(publish.db, await caller(request));
      return { companies: companies.map((c) => ({ id: c.id, name: c.name, role: c.role })) };
    },
  );

  app.put(
    '/api/v1/publish/companies/:companyId',
    {
      schema: {
        tags: publishTags,
        summary: 'Name a company (admin or owner)',
        security: bearerSecurity,
        params: companyParams,
        body: z.object({ name: z.string().trim().min(1).max(200) }),
        response: { 200: companySchema.omit({ role: true }), ...publishErrors },
      },
    },
    async (request) => {
      const company = await renameCompany(
        publish.db,
        await caller(request),
        request.params.companyId,
        request.body.name,
      );
      return { id: company.id, name: company.name };
    },
  );

  app.get(
    '/api/v1/publish/companies/:companyId/clients',
    {
      schema: {
        tags: publishTags,
        summary: 'Clients of an agency company, each with its accounts',
        security: bearerSecurity,
        params: companyParams,
        response: { 200: z.object({ clients: z.array(clientSchema) }), ...publishErrors },
      },
    },
    async (request) => {
      const clients = await listClients(publish.db, await caller(request), request.params.companyId);
      return { clients: clients.map(clientDto) };
    },
  );

  app.post(
    '/api/v1/publish/companies/:companyId/clients',
    {
      schema: {
        tags: publishTags,
        summary: 'Add a client to an agency company (admin or owner)',
        security: bearerSecurity,
        params: companyParams,
        body: z.object({ name: z.string().trim().min(1).max(200) }),
        response: { 201: clientSchema, ...publishErrors },
      },
    },
    async (request, reply) => {
      const client = await createClient(
        publish.db,
        await caller(request),
        request.params.companyId,
        request.body.name,
      );
      return reply.status(201).send(clientDto(client));
    },
  );

  app.get(
    '/api/v1/publish/companies/:companyId/accounts',
    {
      schema: {
        tags: publishTags,
        summary: 'Connected social accounts of a company (tokens are never returned)',
        security: bearerSecurity,
        params: companyParams,
        response: { 200: z.object({ accounts: z.array(accountSchema) }), ...publishErrors },
      },
    },
    async (request) => {
      const accounts = await listAccounts(publish.db, await caller(request), request.params.companyId);
      return { accounts: accounts.map(accountDto) };
    },
  );

  app.post(
    '/api/v1/publish/companies/:companyId/accounts',
    {
      schema: {
        tags: publishTags,
        summary:
          'Connect (or reconnect) a Facebook Page, Instagram business account or LinkedIn author (admin or owner)',
        description:
          'The access token comes from your OAuth flow with the platform; it is encrypted at rest (AES-256-GCM). ' +
          'Reconnecting the same platform identity replaces the token and clears `needs_reauth`.',
        security: bearerSecurity,
        params: companyParams,
        body: z.object({
          platform: z.enum(PLATFORMS),
          externalId: z
            .string()
            .trim()
            .min(1)
            .max(200)
            .describe('Page id, Instagram user id, or LinkedIn author URN'),
          name: z.string().trim().min(1).max(200),
          accessToken: z.string().min(1).max(8192),
          tokenExpiresAt: z.iso.datetime({ offset: true }).optional(),
          clientId: z.uuid().nullable().optional(),
        }),
        response: { 201: accountSchema, ...publishErrors },
      },
    },
    async (request, reply) => {
      const { tokenExpiresAt, ...body } = request.body;
      const account = await connectAccount(
        publish.db,
        publish.cipher,
        await caller(request),
        request.params.companyId,
        {
          ...body,
          tokenExpiresAt: tokenExpiresAt ? new Date(tokenExpiresAt) : null,
        },
      );
      return reply.status(201).send(accountDto(account));
    },
  );

  app.delete(
    '/api/v1/publish/companies/:companyId/accounts/:accountId',
    {
      schema: {
        tags: publishTags,
        summary:
          'Disconnect an account: forget its token; its scheduled posts fail with a reason (admin or owner)',
        security: bearerSecurity,
        params: accountParams,
        response: { 200: accountSchema, ...publishErrors },
      },
    },
    async (request) => {
      const { companyId, accountId } = request.params;
      return accountDto(await disconnectAccount(publish.db, await caller(request), companyId, accountId));
    },
  );
};
