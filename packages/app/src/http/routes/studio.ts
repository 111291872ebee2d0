import { roleForRoom } from '@ensemble/server';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiCaller, authenticate } from '../auth.js';
import type { AppContext } from '../context.js';
import { authErrors, bearerSecurity } from '../schemas.js';

/** Studio rooms are ordinary rooms named `studio:<name>`; the web app shows `<name>`. */
export const STUDIO_ROOM_PREFIX = 'studio:';

const member = z.object({ userId: z.string(), name: z.string(), connections: z.number() });
const studioRoom = z.object({
  room: z.string().describe('Full room name, `studio:<name>`'),
  name: z.string(),
  members: z.array(member).describe('Who is connected right now (on this node)'),
  updates: z.number(),
  lastEditAt: z.string().nullable(),
});

/**
 * The Studio's room list: every `studio:*` room the caller can read, with who is inside. Members come
 * from the `studio` room service of rooms loaded on this node; unloaded rooms have nobody inside.
 */
export const studioRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/studio/rooms',
    {
      schema: {
        tags: ['studio'],
        summary: 'Studio rooms the caller can read, with who is inside',
        security: bearerSecurity,
        response: { 200: z.object({ rooms: z.array(studioRoom) }), ...authErrors },
      },
    },
    async (request) => {
      const principal = await authenticate(ctx, request);
      const { rows } = await ctx.db.query<{ room: string; updates: number; last_edit: Date | null }>(
        `SELECT room, count(*) AS updates, max(created_at) AS last_edit FROM sync_updates
          WHERE room LIKE 'studio:%' GROUP BY room ORDER BY max(created_at) DESC LIMIT 500`,
      );
      const loaded = new Set(ctx.sync.rooms().map((r) => r.name));
      const names = new Set([
        ...rows.map((r) => r.room),
        ...[...loaded].filter((n) => n.startsWith(STUDIO_ROOM_PREFIX)),
      ]);
      const byName = new Map(rows.map((r) => [r.room, r]));
      const rooms = [];
      for (const room of [...names].sort()) {
        const role = roleForRoom(principal, room);
        if (!role) continue;
        const members = loaded.has(room)
          ? (
              (await ctx.sync.call(room, 'studio', 'members', {}, apiCaller(request, principal, role))) as {
                members: z.infer<typeof member>[];
              }
            ).members
          : [];
        rooms.push({
          room,
          name: room.slice(STUDIO_ROOM_PREFIX.length),
          members,
          updates: Number(byName.get(room)?.updates ?? 0),
          lastEditAt: byName.get(room)?.last_edit?.toISOString() ?? null,
        });
      }
      return { rooms };
    },
  );
};
