import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import { docToJson, roleForRoom } from '@ensemble/server';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as Y from 'yjs';
import { z } from 'zod';
import { authenticate, requireRoomRole, roomCaller } from '../auth.js';
import type { AppContext } from '../context.js';
import { authErrors, bearerSecurity, errorSchema, roomName, roomParams } from '../schemas.js';

const roomInfo = z.object({
  name: z.string(),
  connections: z.number().describe('Open sync sockets on this node'),
  loaded: z.boolean(),
  updates: z.number().describe('Updates in the log'),
  lastEditAt: z.string().nullable(),
});

const textOp = z.union([
  z.object({ index: z.number().int().min(0), insert: z.string().min(1) }),
  z.object({ index: z.number().int().min(0), delete: z.number().int().min(1) }),
]);

/** Applies text operations only if every index is valid, so a bad request changes nothing. */
function checkOps(length: number, ops: z.infer<typeof textOp>[]): void {
  let len = length;
  for (const [i, op] of ops.entries()) {
    if ('insert' in op) {
      if (op.index > len)
        throw new EnsembleError(
          ErrorCode.BadRequest,
          `ops[${i}]: insert index ${op.index} is past the end (${len})`,
        );
      len += op.insert.length;
    } else {
      if (op.index + op.delete > len) {
        throw new EnsembleError(
          ErrorCode.BadRequest,
          `ops[${i}]: delete ${op.delete} at ${op.index} runs past the end (${len})`,
        );
      }
      len -= op.delete;
    }
  }
}

/**
 * REST for integrations (issue 3 §7): list rooms, read state as Yjs binary or JSON, apply binary
 * updates, edit text by index. Same roles, same update log, same live broadcast as the sockets.
 */
export const roomRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );

  const stats = async (names?: string[]) => {
    const { rows } = await ctx.db.query<{ room: string; updates: number; last_edit: Date | null }>(
      names
        ? 'SELECT room, count(*) AS updates, max(created_at) AS last_edit FROM sync_updates WHERE room = ANY($1) GROUP BY room'
        : 'SELECT room, count(*) AS updates, max(created_at) AS last_edit FROM sync_updates GROUP BY room ORDER BY max(created_at) DESC LIMIT 1000',
      names ? [names] : [],
    );
    return rows;
  };
  const live = () => new Map(ctx.sync.rooms().map((r) => [r.name, r]));

  app.get(
    '/api/v1/rooms',
    {
      schema: {
        tags: ['rooms'],
        summary: 'Rooms the caller can read, with connection counts',
        security: bearerSecurity,
        response: { 200: z.object({ rooms: z.array(roomInfo) }), ...authErrors },
      },
    },
    async (request) => {
      const principal = await authenticate(ctx, request);
      const loaded = live();
      const stored = await stats();
      const names = new Set([...stored.map((r) => r.room), ...loaded.keys()]);
      const byName = new Map(stored.map((r) => [r.room, r]));
      const rooms = [...names]
        .filter((name) => roleForRoom(principal, name) !== null)
        .sort()
        .map((name) => ({
          name,
          connections: loaded.get(name)?.connections ?? 0,
          loaded: loaded.has(name),
          updates: byName.get(name)?.updates ?? 0,
          lastEditAt: byName.get(name)?.last_edit?.toISOString() ?? null,
        }));
      return { rooms };
    },
  );

  app.get(
    '/api/v1/rooms/:room',
    {
      schema: {
        tags: ['rooms'],
        summary: 'One room’s metadata',
        security: bearerSecurity,
        params: roomParams,
        response: {
          200: roomInfo.extend({ role: z.string() }),
          400: errorSchema,
          403: errorSchema,
          ...authErrors,
        },
      },
    },
    async (request) => {
      const principal = await authenticate(ctx, request);
      const role = requireRoomRole(principal, request.params.room, 'viewer');
      const name = request.params.room;
      const row = (await stats([name]))[0];
      const loaded = live().get(name);
      return {
        name,
        role,
        connections: loaded?.connections ?? 0,
        loaded: Boolean(loaded),
        updates: row?.updates ?? 0,
        lastEditAt: row?.last_edit?.toISOString() ?? null,
      };
    },
  );

  app.get(
    '/api/v1/rooms/:room/update',
    {
      schema: {
        tags: ['rooms'],
        summary: 'The document as one binary Yjs update (application/octet-stream)',
        description: 'Pass `stateVector` (base64) to get only what a client with that state is missing.',
        security: bearerSecurity,
        params: roomParams,
        querystring: z.object({ stateVector: z.string().optional(), token: z.string().optional() }),
        // No response schema: the 200 body is binary, and errors use the shared error shape.
      },
    },
    async (request, reply) => {
      const principal = await authenticate(ctx, request);
      requireRoomRole(principal, request.params.room, 'viewer');
      const sv = request.query.stateVector ? Buffer.from(request.query.stateVector, 'base64') : undefined;
      const update = await ctx.sync.readRoom(request.params.room, (doc) => {
        try {
          return Y.encodeStateAsUpdate(doc, sv);
        } catch {
          throw new EnsembleError(ErrorCode.BadRequest, 'stateVector is not a Yjs state vector');
        }
      });
      return reply.type('application/octet-stream').send(Buffer.from(update));
    },
  );

  app.post(
    '/api/v1/rooms/:room/update',
    {
      schema: {
        tags: ['rooms'],
        summary: 'Apply a binary Yjs update (editor); returns once it is durably stored',
        security: bearerSecurity,
        consumes: ['application/octet-stream'],
        params: roomParams,
        response: {
          200: z.object({ applied: z.boolean().describe('False when the update was already known') }),
          400: errorSchema,
          403: errorSchema,
          ...authErrors,
        },
      },
    },
    async (request) => {
      const caller = await roomCaller(ctx, request, request.params.room, 'editor');
      const body = request.body;
      if (!(body instanceof Buffer) || body.byteLength === 0) {
        throw new EnsembleError(
          ErrorCode.BadRequest,
          'send the update as a non-empty application/octet-stream body',
        );
      }
      const result = await ctx.sync.applyUpdate(request.params.room, new Uint8Array(body), caller);
      if (result === 'malformed')
        throw new EnsembleError(ErrorCode.BadRequest, 'the body is not a valid Yjs update');
      if (result === 'vetoed') {
        throw new EnsembleError(
          ErrorCode.Locked,
          'the update changes a part of the document locked by someone else',
        );
      }
      return { applied: result === 'applied' };
    },
  );

  app.post(
    '/api/v1/rooms/:room/events',
    {
      schema: {
        tags: ['rooms'],
        summary: 'Publish an event on the room (e.g. build.progress from CI); delivered live to clients',
        security: bearerSecurity,
        params: roomParams,
        body: z.object({ type: z.string().min(1).max(128), data: z.unknown().optional() }),
        response: {
          201: z.record(z.string(), z.unknown()),
          400: errorSchema,
          403: errorSchema,
          413: errorSchema,
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const caller = await roomCaller(ctx, request, request.params.room, 'commenter');
      const event = await ctx.sync.call(request.params.room, 'events', 'publish', request.body, caller);
      return reply.status(201).send(event as Record<string, unknown>);
    },
  );

  app.get(
    '/api/v1/rooms/:room/events',
    {
      schema: {
        tags: ['rooms'],
        summary: 'The last events of the room (up to 100), optionally filtered by type (`build.*`)',
        security: bearerSecurity,
        params: roomParams,
        querystring: z.object({ type: z.string().optional(), token: z.string().optional() }),
        response: {
          200: z.object({ events: z.array(z.record(z.string(), z.unknown())) }),
          403: errorSchema,
          ...authErrors,
        },
      },
    },
    async (request) => {
      const result = await ctx.sync.call(
        request.params.room,
        'events',
        'recent',
        request.query.type ? { types: request.query.type.split(',') } : {},
        await roomCaller(ctx, request, request.params.room, 'viewer'),
      );
      return result as { events: Record<string, unknown>[] };
    },
  );

  app.get(
    '/api/v1/rooms/:room/json',
    {
      schema: {
        tags: ['rooms'],
        summary: 'The document’s root types as JSON',
        security: bearerSecurity,
        params: roomParams,
        response: { 200: z.record(z.string(), z.unknown()), 403: errorSchema, ...authErrors },
      },
    },
    async (request) => {
      const principal = await authenticate(ctx, request);
      requireRoomRole(principal, request.params.room, 'viewer');
      return ctx.sync.readRoom(request.params.room, (doc) => docToJson(doc));
    },
  );

  app.post(
    '/api/v1/rooms/:room/text/:name',
    {
      schema: {
        tags: ['rooms'],
        summary: 'Insert/delete text at indices in the Y.Text `name` (editor), as one transaction',
        security: bearerSecurity,
        params: z.object({ room: roomName, name: z.string().min(1).max(256) }),
        body: z.object({ ops: z.array(textOp).min(1).max(10_000) }),
        response: { 200: z.object({ text: z.string() }), 400: errorSchema, 403: errorSchema, ...authErrors },
      },
    },
    async (request) => {
      const principal = await authenticate(ctx, request);
      requireRoomRole(principal, request.params.room, 'editor');
      const { name } = request.params;
      let text = '';
      await ctx.sync.mutate(request.params.room, principal.user.id, (doc) => {
        const ytext = doc.getText(name);
        checkOps(ytext.length, request.body.ops);
        for (const op of request.body.ops) {
          if ('insert' in op) ytext.insert(op.index, op.insert);
          else ytext.delete(op.index, op.delete);
        }
        text = ytext.toString();
      });
      return { text };
    },
  );
};
