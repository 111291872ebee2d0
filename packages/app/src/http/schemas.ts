import { ROLES, TENANT_ROLES } from '@ensemble/server';
import { z } from 'zod';

/** Shapes shared by several routes; each route file owns the rest of its schemas. */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable ENSEMBLE_… error code'),
      message: z.string().describe('What went wrong, for humans'),
      details: z.unknown().optional(),
    }),
  })
  .describe('Error');

export const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  color: z.string().optional(),
  avatar: z.string().optional(),
});

export const principalSchema = z.object({
  user: userSchema,
  rooms: z.array(z.object({ pattern: z.string(), role: z.enum(ROLES) })),
  tenants: z.array(z.object({ companyId: z.string(), role: z.enum(TENANT_ROLES) })),
  expiresAt: z.string().optional(),
});

export const bearerSecurity = [{ bearerAuth: [] }];

export const authErrors = { 401: errorSchema, 503: errorSchema } as const;
