import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { CloseCode, EnsembleError, ErrorCode, isEnsembleError } from '@ensemble/protocol';
import {
  acceptedSubprotocol,
  extractToken,
  type Lease,
  type Principal,
  type Role,
  roleForRoom,
  type SyncMetrics,
} from '@ensemble/server';
import { type WebSocket, WebSocketServer } from 'ws';
import { clientIp } from './client-ip.js';
import type { AppContext } from './context.js';
import { errorBody, statusForCode } from './errors.js';

export const SYNC_PATH_PREFIX = '/sync/';
export const ROOM_NAME_MAX_BYTES = 256;

export interface SyncConnection {
  room: string;
  principal: Principal;
  role: Role;
  ip: string;
  request: IncomingMessage;
}

/** Where an authenticated sync socket goes: the sync engine in production, anything in tests. */
export type SyncHandler = (socket: WebSocket, connection: SyncConnection) => void;

export interface SyncUpgradeOptions {
  handler: SyncHandler;
  /**
   * Per-IP admission (open connections per IP): a slot held until the socket closes, or null to
   * refuse the upgrade with 429.
   */
  admit?: (ip: string) => Promise<Lease | null>;
  /** Largest frame `ws` will read at all; the engine applies finer limits per message type. */
  maxPayload: number;
}

export function parseRoom(pathname: string): string {
  let room: string;
  try {
    room = decodeURIComponent(pathname.slice(SYNC_PATH_PREFIX.length));
  } catch {
    throw new EnsembleError(ErrorCode.BadRequest, 'room name is not valid percent-encoded UTF-8');
  }
  if (room.length === 0) throw new EnsembleError(ErrorCode.BadRequest, 'room name is empty');
  if (Buffer.byteLength(room, 'utf8') > ROOM_NAME_MAX_BYTES) {
    throw new EnsembleError(ErrorCode.BadRequest, `room names are at most ${ROOM_NAME_MAX_BYTES} bytes`);
  }
  return room;
}

/** Dev mode only: a plain Yjs app without a token joins as an anonymous editor (SPEC 1.3). */
function anonymousPrincipal(): Principal {
  return {
    user: { id: `anon-${randomUUID().slice(0, 8)}`, name: 'Anonymous' },
    rooms: [{ pattern: '*', role: 'editor' }],
    tenants: [],
  };
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

function refuse(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify(errorBody(code, message));
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * Owns HTTP upgrades on the shared port: `/sync/<room>` is authenticated and authorized before the
 * handshake completes (refusals are plain HTTP 400/401/403/429 with the JSON error body); other paths 404.
 */
export function createSyncUpgrade(ctx: AppContext, metrics: SyncMetrics, options: SyncUpgradeOptions) {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxPayload,
    perMessageDeflate: false,
    handleProtocols: (protocols) => acceptedSubprotocol([...protocols].join(',')) ?? false,
  });

  const authorize = async (request: IncomingMessage, pathname: string): Promise<SyncConnection> => {
    const room = parseRoom(pathname);
    const header = request.headers['sec-websocket-protocol'];
    const token = extractToken({
      authorization: request.headers.authorization,
      url: request.url,
      secWebSocketProtocol: Array.isArray(header) ? header.join(',') : header,
    });
    let principal: Principal;
    if (token) principal = await ctx.verifier.verify(token);
    else if (ctx.config.mode === 'dev') principal = anonymousPrincipal();
    else {
      throw new EnsembleError(
        ErrorCode.AuthMissing,
        'no token: pass ?token=<token> or the ensemble-token subprotocol',
      );
    }
    const role = roleForRoom(principal, room);
    if (!role) throw new EnsembleError(ErrorCode.Forbidden, `no grant for room "${room}"`);
    const ip = clientIp(
      request.socket.remoteAddress,
      request.headers['x-forwarded-for'],
      ctx.config.trustProxyHops,
    );
    return { room, principal, role, ip, request };
  };

  /** Last step before the handshake: the slot is given back when the TCP socket closes, however it ends. */
  const admit = async (socket: Duplex, ip: string): Promise<void> => {
    if (!options.admit) return;
    const lease = await options.admit(ip);
    if (!lease) throw new EnsembleError(ErrorCode.RateLimited, `too many sync connections from ${ip}`);
    if (socket.destroyed) lease.release();
    else socket.once('close', () => lease.release());
  };

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (!url.pathname.startsWith(SYNC_PATH_PREFIX)) {
        refuse(
          socket,
          404,
          ErrorCode.NotFound,
          `no WebSocket endpoint at ${url.pathname}; use ${SYNC_PATH_PREFIX}<room>`,
        );
        return;
      }
      if (ctx.isShuttingDown()) {
        refuse(socket, 503, ErrorCode.NotReady, 'server is shutting down');
        return;
      }
      let roomError: EnsembleError | undefined;
      try {
        parseRoom(url.pathname);
      } catch (error) {
        roomError = error as EnsembleError;
      }
      if (roomError) {
        // A bad name is permanent: finish the handshake and close with 4404 so y-websocket clients
        // stop retrying (4400–4499), instead of an HTTP error they would retry forever.
        metrics.connectionsRejected.inc({ reason: 'bad-room-name' });
        wss.handleUpgrade(request, socket, head, (ws) => ws.close(CloseCode.BadRoomName, roomError.message));
        return;
      }
      try {
        const connection = await authorize(request, url.pathname);
        await admit(socket, connection.ip);
        wss.handleUpgrade(request, socket, head, (ws) => options.handler(ws, connection));
      } catch (error) {
        const code = isEnsembleError(error) ? error.code : ErrorCode.Internal;
        metrics.connectionsRejected.inc({ reason: code });
        if (!isEnsembleError(error)) ctx.log.error({ err: error }, 'sync upgrade failed');
        refuse(socket, statusForCode(code), code, isEnsembleError(error) ? error.message : 'internal error');
      }
    })();
  };

  /** Tells every socket the server is restarting, so clients reconnect elsewhere. */
  const closeAll = (): void => {
    for (const client of wss.clients) client.close(CloseCode.ServerRestarting, 'server restarting');
  };

  return { onUpgrade, closeAll, wss };
}
