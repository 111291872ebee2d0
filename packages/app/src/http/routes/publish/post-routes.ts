import {
  cancelPost,
  createPost,
  getPost,
  listPosts,
  POST_STATUSES,
  type PostDeps,
  retryPost,
  scheduleDraft,
  updatePost,
} from '@ensemble/publish';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticate } from '../../auth.js';
import type { AppContext } from '../../context.js';
import { bearerSecurity } from '../../schemas.js';
import { callerOf, type PublishContext } from './publish-context.js';
import {
  attemptDto,
  companyParams,
  mediaSchema,
  postDto,
  postParams,
  postSchema,
  postWithAttemptsSchema,
  productSchema,
  publishErrors,
  publishTags,
  writeErrors,
} from './schemas.js';

const instant = z.iso
  .datetime({ offset: true })
  .describe('ISO-8601 instant with offset, e.g. 2030-01-31T09:00:00+01:00');
const timeZone = z
  .string()
  .min(1)
  .max(64)
  .describe('IANA time zone the user scheduled in, e.g. Europe/Paris');
const versionField = z
  .number()
  .int()
  .min(1)
  .optional()
  .describe('The version you edited; 409 if the post changed since');

/** Posts: schedule, list, read with attempts, edit/reschedule, cancel, retry. */
export const postRoutes: FastifyPluginAsyncZod<{ ctx: AppContext; publish: PublishContext }> = async (
  app,
  { ctx, publish },
) => {
  const deps: PostDeps = { db: publish.db, queue: publish.queue };
  const caller = async (request: Parameters<typeof authenticate>[1]) =>
    callerOf(await authenticate(ctx, request));

  app.post(
    '/api/v1/publish/companies/:companyId/posts',
    {
      schema: {
        tags: publishTags,
        summary: 'Schedule a post (or save a draft)',
        description:
          'Validated against the account’s platform, then stored with its queue job in one transaction. ' +
          '`scheduledAt` more than a minute in the past is refused; a time up to now means "publish now".',
        security: bearerSecurity,
        params: companyParams,
        body: z.object({
          accountId: z.uuid(),
          clientId: z.uuid().nullable().optional(),
          content: z.string().max(63_206),
          media: z.array(mediaSchema).max(10).default([]),
          product: productSchema.nullable().optional(),
          scheduledAt: instant.optional(),
          timeZone,
          draft: z.boolean().optional(),
        }),
        response: { 201: postSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { scheduledAt, ...body } = request.body;
      const post = await createPost(deps, await caller(request), request.params.companyId, {
        ...body,
        scheduledAt: scheduledAt ? new Date(scheduledAt) : null,
      });
      return reply.status(201).send(postDto(post));
    },
  );

  app.get(
    '/api/v1/publish/companies/:companyId/posts',
    {
      schema: {
        tags: publishTags,
        summary: 'Posts of a company, newest first, optionally by status or client (cursor-paginated)',
        security: bearerSecurity,
        params: companyParams,
        querystring: z.object({
          status: z.enum(POST_STATUSES).optional(),
          clientId: z.uuid().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(200).optional(),
        }),
        response: {
          200: z.object({ posts: z.array(postSchema), nextCursor: z.string().nullable() }),
          ...publishErrors,
        },
      },
    },
    async (request) => {
      const page = await listPosts(
        publish.db,
        await caller(request),
        request.params.companyId,
        request.query,
      );
      return { posts: page.posts.map(postDto), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/publish/companies/:companyId/posts/:postId',
    {
      schema: {
        tags: publishTags,
        summary: 'One post with its attempt log',
        security: bearerSecurity,
        params: postParams,
        response: { 200: postWithAttemptsSchema, ...publishErrors },
      },
    },
    async (request) => {
      const post = await getPost(
        publish.db,
        await caller(request),
        request.params.companyId,
        request.params.postId,
      );
      return { ...postDto(post), attemptLog: post.attemptLog.map(attemptDto) };
    },
  );

  app.patch(
    '/api/v1/publish/companies/:companyId/posts/:postId',
    {
      schema: {
        tags: publishTags,
        summary: 'Edit or reschedule a draft or scheduled post (409 once publishing has begun)',
        security: bearerSecurity,
        params: postParams,
        body: z.object({
          accountId: z.uuid().optional(),
          content: z.string().max(63_206).optional(),
          media: z.array(mediaSchema).max(10).optional(),
          product: productSchema
            .nullable()
            .optional()
            .describe('Attach a catalog product (null removes the attached one)'),
          scheduledAt: instant.optional(),
          timeZone: timeZone.optional(),
          version: versionField,
        }),
        response: { 200: postSchema, ...writeErrors },
      },
    },
    async (request) => {
      const { scheduledAt, ...body } = request.body;
      const { companyId, postId } = request.params;
      const post = await updatePost(deps, await caller(request), companyId, postId, {
        ...body,
        ...(scheduledAt ? { scheduledAt: new Date(scheduledAt) } : {}),
      });
      return postDto(post);
    },
  );

  app.post(
    '/api/v1/publish/companies/:companyId/posts/:postId/schedule',
    {
      schema: {
        tags: publishTags,
        summary: 'Schedule a draft',
        security: bearerSecurity,
        params: postParams,
        body: z.object({ scheduledAt: instant.optional(), version: versionField }).default({}),
        response: { 200: postSchema, ...writeErrors },
      },
    },
    async (request) => {
      const { companyId, postId } = request.params;
      const { scheduledAt, version } = request.body;
      return postDto(
        await scheduleDraft(deps, await caller(request), companyId, postId, {
          ...(scheduledAt ? { scheduledAt: new Date(scheduledAt) } : {}),
          version,
        }),
      );
    },
  );

  app.post(
    '/api/v1/publish/companies/:companyId/posts/:postId/cancel',
    {
      schema: {
        tags: publishTags,
        summary:
          'Cancel a draft or scheduled post; 409 if publishing already began (it will not be published twice either way)',
        security: bearerSecurity,
        params: postParams,
        response: { 200: postSchema, ...writeErrors },
      },
    },
    async (request) => {
      const { companyId, postId } = request.params;
      return postDto(await cancelPost(deps, await caller(request), companyId, postId));
    },
  );

  app.post(
    '/api/v1/publish/companies/:companyId/posts/:postId/retry',
    {
      schema: {
        tags: publishTags,
        summary:
          'Retry a failed or unconfirmed post now (the worker first checks the platform if it may already be there)',
        security: bearerSecurity,
        params: postParams,
        response: { 200: postSchema, ...writeErrors },
      },
    },
    async (request) => {
      const { companyId, postId } = request.params;
      return postDto(await retryPost(deps, await caller(request), companyId, postId));
    },
  );
};
