import { ROLES, TENANT_ROLES } from '@ensemble/server';
import { z } from 'zod';
import { ROOM_NAME_MAX_BYTES } from './sync-upgrade.js';

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

/** A room name in a path: 1–256 bytes of UTF-8, the same limit as `/sync/<room>`. */
export const roomName = z
  .string()
  .min(1)
  .refine(
    (r) => Buffer.byteLength(r, 'utf8') <= ROOM_NAME_MAX_BYTES,
    `room names are at most ${ROOM_NAME_MAX_BYTES} bytes`,
  );

/** Path params of `/api/v1/rooms/:room/…`. */
export const roomParams = z.object({ room: roomName });

export const bearerSecurity = [{ bearerAuth: [] }];

export const authErrors = { 401: errorSchema, 503: errorSchema } as const;
