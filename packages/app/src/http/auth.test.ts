import { mintToken } from '@ensemble/server';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { EnsembleNode } from '../runtime/node.js';
import { json, startTestNode, TEST_SECRET } from '../test-support/node.js';

interface ErrorResponse {
  error: { code: string; message: string };
}

const secret = new TextEncoder().encode(TEST_SECRET);

async function token(claims: Record<string, unknown>, options: { key?: Uint8Array; exp?: number } = {}) {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
  jwt.setExpirationTime(options.exp ?? Math.floor(Date.now() / 1000) + 600);
  return jwt.sign(options.key ?? secret);
}

/** Opens a sync socket and reports either the refused HTTP status or the close code after upgrade. */
function connect(
  url: string,
  init: { protocols?: string[]; headers?: Record<string, string> } = {},
): Promise<{ status?: number; body?: string; closeCode?: number; protocol?: string; firstMessage?: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, init.protocols ?? [], { headers: init.headers ?? {} });
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    let protocol = '';
    ws.on('open', () => {
      protocol = ws.protocol;
    });
    // An accepted socket is answered at once with the server's SyncStep1 (SPEC 3.1): message type 0.
    ws.on('message', (data: Buffer) => {
      resolve({ protocol, firstMessage: data[0] });
      ws.close();
    });
    ws.on('close', (code) => resolve({ closeCode: code, protocol }));
    ws.on('error', (error) => {
      if (!String(error.message).includes('Unexpected server response')) reject(error);
    });
  });
}

describe('auth on HTTP and WebSocket (HS256 secret)', () => {
  let node: EnsembleNode;
  let editor: string;

  beforeAll(async () => {
    node = await startTestNode({ jwtSecret: TEST_SECRET });
    editor = await token({ sub: 'ana', name: 'Ana', rooms: { 'project:*': 'editor', 'idea:42': 'viewer' } });
  });
  afterAll(async () => {
    await node?.close();
  });

  const me = (headers: Record<string, string> = {}, query = '') =>
    fetch(`${node.url}/api/v1/me${query}`, { headers });

  const expectRejection = async (response: Response, status: number, code: string, message?: RegExp) => {
    expect(response.status).toBe(status);
    const body = await json<ErrorResponse>(response);
    expect(body.error.code).toBe(code);
    if (message) expect(body.error.message).toMatch(message);
  };

  it('accepts a valid Bearer token and returns the principal', async () => {
    const response = await me({ authorization: `Bearer ${editor}` });
    expect(response.status).toBe(200);
    const body = await json<{ user: { id: string; name: string }; rooms: unknown[] }>(response);
    expect(body.user).toMatchObject({ id: 'ana', name: 'Ana' });
    expect(body.rooms).toContainEqual({ pattern: 'project:*', role: 'editor' });
  });

  it('accepts the token as ?token=', async () => {
    expect((await me({}, `?token=${editor}`)).status).toBe(200);
  });

  it('401 without a token', async () => {
    await expectRejection(await me(), 401, 'ENSEMBLE_AUTH_MISSING', /no token/);
  });

  it('401 for a malformed token', async () => {
    await expectRejection(await me({ authorization: 'Bearer not-a-jwt' }), 401, 'ENSEMBLE_AUTH_MALFORMED');
  });

  it('401 for an expired token, saying so', async () => {
    const expired = await token({ sub: 'ana' }, { exp: Math.floor(Date.now() / 1000) - 3600 });
    await expectRejection(
      await me({ authorization: `Bearer ${expired}` }),
      401,
      'ENSEMBLE_AUTH_EXPIRED',
      /expired/i,
    );
  });

  it('401 for a token signed with another key', async () => {
    const forged = await token(
      { sub: 'ana' },
      { key: new TextEncoder().encode('another-secret-another-secret-123') },
    );
    await expectRejection(
      await me({ authorization: `Bearer ${forged}` }),
      401,
      'ENSEMBLE_AUTH_BAD_SIGNATURE',
    );
  });

  it('401 for a well-signed token with invalid claims', async () => {
    const noSub = await token({ name: 'nobody' });
    await expectRejection(
      await me({ authorization: `Bearer ${noSub}` }),
      401,
      'ENSEMBLE_AUTH_INVALID_CLAIMS',
      /sub/,
    );
    const badRole = await token({ sub: 'x', rooms: { '*': 'superuser' } });
    await expectRejection(
      await me({ authorization: `Bearer ${badRole}` }),
      401,
      'ENSEMBLE_AUTH_INVALID_CLAIMS',
    );
  });

  it('403 for a valid token without the grant, 200 with it', async () => {
    const access = (room: string, min = 'viewer') =>
      fetch(`${node.url}/api/v1/rooms/${encodeURIComponent(room)}/access?min=${min}`, {
        headers: { authorization: `Bearer ${editor}` },
      });
    const ok = await access('project:7', 'editor');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ room: 'project:7', role: 'editor' });
    await expectRejection(await access('build:9'), 403, 'ENSEMBLE_FORBIDDEN', /no grant/);
    await expectRejection(await access('idea:42', 'editor'), 403, 'ENSEMBLE_FORBIDDEN', /viewer.*not enough/);
  });

  it('has the dev token endpoint only in dev mode, and it signs with the configured secret', async () => {
    const response = await fetch(`${node.url}/api/v1/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Bo', color: '#0090ff' }),
    });
    expect(response.status).toBe(200);
    const issued = await json<{ token: string; user: { name: string; color: string } }>(response);
    expect(issued.user).toMatchObject({ name: 'Bo', color: '#0090ff' });
    expect((await me({ authorization: `Bearer ${issued.token}` })).status).toBe(200);
  });

  describe('WebSocket upgrade on /sync/<room>', () => {
    const wsUrl = (room: string, query = '') =>
      `${node.url.replace('http', 'ws')}/sync/${encodeURIComponent(room)}${query}`;

    it('lets a client without a token in as an anonymous editor in dev mode (SPEC 1.3)', async () => {
      const result = await connect(wsUrl('project:7'));
      expect(result.status).toBeUndefined();
      expect(result.firstMessage).toBe(0);
    });

    it('refuses a bad token with 401 and a room without a grant with 403', async () => {
      expect((await connect(wsUrl('project:7', '?token=garbage'))).status).toBe(401);
      const forbidden = await connect(wsUrl('build:9', `?token=${editor}`));
      expect(forbidden.status).toBe(403);
      expect(forbidden.body).toMatch(/no grant for room/);
    });

    it('refuses room names over 256 bytes and unknown upgrade paths', async () => {
      expect((await connect(wsUrl('project:'.padEnd(300, 'é'), `?token=${editor}`))).closeCode).toBe(4404);
      const other = await connect(`${node.url.replace('http', 'ws')}/elsewhere?token=${editor}`);
      expect(other.status).toBe(404);
    });

    it('completes the handshake for a granted room (query token) and starts the sync', async () => {
      const result = await connect(wsUrl('project:7', `?token=${editor}`));
      expect(result.status).toBeUndefined();
      expect(result.firstMessage).toBe(0);
    });

    it('accepts the token through Sec-WebSocket-Protocol and echoes ensemble-token', async () => {
      const result = await connect(wsUrl('project:7'), { protocols: ['ensemble-token', editor] });
      expect(result.firstMessage).toBe(0);
      expect(result.protocol).toBe('ensemble-token');
    });

    it('accepts the token through an Authorization header (Node clients)', async () => {
      const result = await connect(wsUrl('project:ü-ünïcode'), {
        headers: { authorization: `Bearer ${editor}` },
      });
      expect(result.firstMessage).toBe(0);
    });
  });
});

describe('production mode', () => {
  let node: EnsembleNode;
  beforeAll(async () => {
    node = await startTestNode({ mode: 'production', jwtSecret: TEST_SECRET, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await node?.close();
  });

  it('has no dev endpoints', async () => {
    const response = await fetch(`${node.url}/api/v1/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Mallory' }),
    });
    expect(response.status).toBe(404);
  });

  it('refuses a sync socket without a token with HTTP 401 before the handshake', async () => {
    const result = await connect(`${node.url.replace('http', 'ws')}/sync/project:7`);
    expect(result.status).toBe(401);
    expect(result.body).toMatch(/ENSEMBLE_AUTH_MISSING/);
  });

  it('accepts tokens minted for it', async () => {
    const minted = await mintToken({ secret: TEST_SECRET, sub: 'ops' });
    const response = await fetch(`${node.url}/api/v1/me`, {
      headers: { authorization: `Bearer ${minted.token}` },
    });
    expect(response.status).toBe(200);
    const info = await json<{ mode: string }>(await fetch(`${node.url}/api/v1/info`));
    expect(info.mode).toBe('production');
  });
});
