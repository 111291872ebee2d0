import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import {
  compareRoles,
  extractToken,
  type Principal,
  type Role,
  roleForRoom,
  type ServiceCaller,
} from '@ensemble/server';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from './context.js';

/** One verification per request: the rate limiter asks before the route does. */
const verified = new WeakMap<FastifyRequest, Promise<Principal>>();

/** Verifies the request's token (Bearer header, `?token=`, or WebSocket subprotocol) → 401 on failure. */
export function authenticate(ctx: AppContext, request: FastifyRequest): Promise<Principal> {
  let principal = verified.get(request);
  if (!principal) {
    principal = verify(ctx, request);
    verified.set(request, principal);
  }
  return principal;
}

async function verify(ctx: AppContext, request: FastifyRequest): Promise<Principal> {
  const header = request.headers['sec-websocket-protocol'];
  const token = extractToken({
    authorization: request.headers.authorization,
    url: request.url,
    secWebSocketProtocol: Array.isArray(header) ? header.join(',') : header,
  });
  if (!token) {
    throw new EnsembleError(
      ErrorCode.AuthMissing,
      'no token: send `Authorization: Bearer <token>` or `?token=<token>`',
    );
  }
  return ctx.verifier.verify(token);
}

/** 403 unless the principal holds at least `minimum` on `room`. */
export function requireRoomRole(principal: Principal, room: string, minimum: Role): Role {
  const role = roleForRoom(principal, room);
  if (!role || compareRoles(role, minimum) < 0) {
    throw new EnsembleError(
      ErrorCode.Forbidden,
      role
        ? `role ${role} on room "${room}" is not enough: ${minimum} or higher is required`
        : `no grant for room "${room}"`,
    );
  }
  return role;
}

/** Who a REST request acts as in a room's services: the token's user with their role on the room. */
export function apiCaller(request: FastifyRequest, principal: Principal, role: Role): ServiceCaller {
  return {
    connectionId: `api:${request.id}`,
    userId: principal.user.id,
    userName: principal.user.name,
    role,
  };
}

/**
 * The preamble of a REST route that acts in a room: verifies the token (401) and requires at least
 * `minimum` on `room` (403), then returns the caller to pass to the room's services.
 */
export async function roomCaller(
  ctx: AppContext,
  request: FastifyRequest,
  room: string,
  minimum: Role,
): Promise<ServiceCaller> {
  const principal = await authenticate(ctx, request);
  return apiCaller(request, principal, requireRoomRole(principal, room, minimum));
}
