/**
 * Where a request carries its token. Checked in this order, first non-empty wins:
 * 1. `Authorization: Bearer <token>` (scheme case-insensitive) — HTTP API and Node clients.
 * 2. `Sec-WebSocket-Protocol` — browsers cannot set headers on a WebSocket, but can offer subprotocols.
 *    Two spellings are accepted:
 *    - `ensemble-token.<token>`: one entry carrying the token after the dot (JWT characters are all
 *      valid in a subprotocol name);
 *    - `ensemble-token, <token>`: a literal `ensemble-token` entry, the token is the NEXT entry.
 *    The server echoes `ensemble-token` (see `acceptedSubprotocol`), so clients using the dotted form
 *    must offer the literal `ensemble-token` too, or the browser fails the handshake.
 * 3. `?token=<token>` in the request URL — what an unmodified y-websocket provider can send (`params`).
 */

export interface TokenSource {
  /** The `Authorization` header. */
  authorization?: string | undefined;
  /** The request URL: path + query (`/sync/room?token=abc`) or absolute. */
  url?: string | undefined;
  /** The `Sec-WebSocket-Protocol` header (comma-separated offered subprotocols). */
  secWebSocketProtocol?: string | undefined;
}

export const TOKEN_SUBPROTOCOL = 'ensemble-token';
const DOTTED_PREFIX = `${TOKEN_SUBPROTOCOL}.`;

export function extractToken(source: TokenSource): string | undefined {
  return (
    fromAuthorization(source.authorization) ??
    fromSubprotocols(source.secWebSocketProtocol) ??
    fromUrl(source.url)
  );
}

/** The subprotocol the server must echo in the handshake response: `ensemble-token` when offered. */
export function acceptedSubprotocol(secWebSocketProtocol: string | undefined): string | undefined {
  return splitProtocols(secWebSocketProtocol).includes(TOKEN_SUBPROTOCOL) ? TOKEN_SUBPROTOCOL : undefined;
}

function fromAuthorization(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^\s*bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

function fromSubprotocols(header: string | undefined): string | undefined {
  const entries = splitProtocols(header);
  for (const entry of entries) {
    if (entry.startsWith(DOTTED_PREFIX) && entry.length > DOTTED_PREFIX.length) {
      return entry.slice(DOTTED_PREFIX.length);
    }
  }
  for (let i = 0; i < entries.length - 1; i++) {
    const next = entries[i + 1]!;
    if (entries[i] === TOKEN_SUBPROTOCOL && next !== TOKEN_SUBPROTOCOL && !next.startsWith(DOTTED_PREFIX)) {
      return next;
    }
  }
  return undefined;
}

function fromUrl(url: string | undefined): string | undefined {
  if (url === undefined || !url.includes('?')) return undefined;
  try {
    const token = new URL(url, 'http://localhost').searchParams.get('token');
    return token === null || token === '' ? undefined : token;
  } catch {
    return undefined;
  }
}

function splitProtocols(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}
