import { randomUUID } from 'node:crypto';
import { mintToken } from '@ensemble/server';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { errorSchema, userSchema } from '../schemas.js';

const PALETTE = ['#e5484d', '#f76b15', '#ffc53d', '#46a758', '#12a594', '#0090ff', '#6e56cf', '#d6409f'];
const DEV_TOKEN_TTL_SECONDS = 7 * 24 * 3600;
/**
 * The Publish company every dev user owns. Tenancy comes from the token, so without one a dev user
 * would see no company at all; sharing one lets several people try the same posts together.
 */
export const DEV_COMPANY_ID = 'demo';

const body = z.object({
  name: z.string().trim().min(1).max(64),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb color')
    .optional(),
});

/**
 * Dev mode only (never registered in production): anyone who can reach the server gets an editor
 * token for every room and owns the Publish company `demo`. This is what makes `npm start` usable
 * without an identity provider.
 */
export const devTokenRoutes: FastifyPluginAsyncZod<{ ctx: AppContext; secret: string }> = async (
  app,
  { secret },
) => {
  app.post(
    '/api/v1/dev/token',
    {
      config: { availableWithoutDatabase: true },
      schema: {
        tags: ['dev'],
        summary: 'Dev mode: issue a local token (admin on every room, owner of the Publish company `demo`)',
        body,
        response: {
          200: z.object({
            token: z.string(),
            expiresAt: z.string(),
            user: userSchema.required({ color: true }),
          }),
          400: errorSchema,
        },
      },
    },
    async (request) => {
      const color = request.body.color ?? PALETTE[Math.floor(Math.random() * PALETTE.length)]!;
      const id = `dev-${randomUUID()}`;
      const minted = await mintToken({
        secret,
        sub: id,
        name: request.body.name,
        color,
        rooms: { '*': 'admin' },
        tenants: [{ companyId: DEV_COMPANY_ID, role: 'owner' }],
        ttlSeconds: DEV_TOKEN_TTL_SECONDS,
      });
      return {
        token: minted.token,
        expiresAt: minted.expiresAt.toISOString(),
        user: { id, name: request.body.name, color },
      };
    },
  );
};
