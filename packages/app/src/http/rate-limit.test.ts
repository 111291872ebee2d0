import { mintToken } from '@ensemble/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { EnsembleNode } from '../runtime/node.js';
import { json, startTestNode, TEST_SECRET } from '../test-support/node.js';

interface ErrorResponse {
  error: { code: string; message: string; details?: { limit: string; retryAfterMs: number } };
}

describe('REST rate limit (ENSEMBLE_API_REQUESTS_PER_MINUTE, one node)', () => {
  let node: EnsembleNode;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    node = await startTestNode({ jwtSecret: TEST_SECRET, apiRequestsPerMinute: 3 });
    for (const user of ['ana', 'bo']) {
      tokens[user] = (await mintToken({ secret: TEST_SECRET, sub: user, rooms: { '*': 'editor' } })).token;
    }
  });
  afterAll(async () => {
    await node?.close();
  });

  const get = (path: string, token?: string) =>
    fetch(`${node.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  it('answers 429 with Retry-After and the usual error body once a user spent the budget', async () => {
    for (let i = 0; i < 3; i++) expect((await get('/api/v1/me', tokens.ana)).status).toBe(200);
    const refused = await get('/api/v1/me', tokens.ana);
    expect(refused.status).toBe(429);
    // 3 a minute: the next request fits in about 20 s.
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(20);
    const body = await json<ErrorResponse>(refused);
    expect(body.error.code).toBe('ENSEMBLE_RATE_LIMITED');
    expect(body.error.message).toMatch(/too many requests: the limit is 3 per minute; retry in \d+ s/);
    expect(body.error.details?.limit).toBe('api');
    // Someone else's budget is untouched.
    expect((await get('/api/v1/me', tokens.bo)).status).toBe(200);
  });

  it('never limits health, metrics, API docs or the web app', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await get('/healthz')).status).toBe(200);
      expect((await get('/metrics')).status).toBe(200);
      expect((await get('/api/docs/json')).status).toBe(200);
    }
  });

  it('charges requests without a valid token to the client IP, not to the user they claim', async () => {
    const forged = (await mintToken({ secret: 'x'.repeat(40), sub: 'bo' })).token;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get('/api/v1/info', i % 2 ? forged : undefined)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    // The forged `sub` did not spend bo's budget.
    expect((await get('/api/v1/me', tokens.bo)).status).toBe(200);
  });

  it('counts refusals in /metrics', async () => {
    const text = await (await get('/metrics')).text();
    expect(text).toMatch(/^ensemble_rate_limited_total\{limit="api",service="ensemble"\} [1-9]/m);
  });
});

describe('per-IP limits behind a load balancer (ENSEMBLE_TRUST_PROXY_HOPS=1)', () => {
  let node: EnsembleNode;
  const sockets: WebSocket[] = [];

  beforeAll(async () => {
    node = await startTestNode({ trustProxyHops: 1, apiRequestsPerMinute: 2, syncConnectionsPerIp: 1 });
  });
  afterAll(async () => {
    for (const ws of sockets) ws.terminate();
    await node?.close();
  });

  /** As the balancer forwards it: whatever the client sent, then the address it saw. */
  const via = (forwardedFor: string) => ({ 'x-forwarded-for': forwardedFor });

  it('gives each client address its own REST budget, whatever the client wrote before it', async () => {
    const info = (forwardedFor: string) =>
      fetch(`${node.url}/api/v1/info`, { headers: via(forwardedFor) }).then((r) => r.status);
    expect([await info('198.51.100.1'), await info('198.51.100.1'), await info('198.51.100.1')]).toEqual([
      200, 200, 429,
    ]);
    expect(await info('198.51.100.2')).toBe(200);
    // A forged entry on the left does not move the request to another budget.
    expect(await info('198.51.100.2, 198.51.100.1')).toBe(429);
  });

  it('counts sync sockets per client address', async () => {
    const open = (forwardedFor: string) =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`${node.url.replace(/^http/, 'ws')}/sync/lb-room`, {
          headers: via(forwardedFor),
        });
        ws.once('open', () => {
          sockets.push(ws);
          resolve(101);
        });
        ws.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        ws.once('error', (error) => {
          if (!String(error.message).includes('Unexpected server response')) reject(error);
        });
      });
    expect(await open('198.51.100.1')).toBe(101);
    expect(await open('198.51.100.1')).toBe(429);
    expect(await open('198.51.100.2')).toBe(101);
  });
});
