/**
 * Issue 8: rate limits are held in Redis, so they hold for the whole cluster. Two nodes in this
 * process share the machine's Redis (under a prefix of their own) and PostgreSQL (a fresh schema).
 * Closing the nodes removes their connection counts; the rate buckets left expire within a minute.
 * Skipped unless both REDIS_URL and DATABASE_URL are set.
 */
import { randomBytes } from 'node:crypto';
import { mintToken } from '@ensemble/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { EnsembleNode } from '../../src/runtime/node.js';
import { isolatedDatabaseUrl, startTestNode, TEST_SECRET } from '../../src/test-support/node.js';
import { clusterTestsEnabled, DATABASE_URL, REDIS_URL } from './processes.js';

if (!clusterTestsEnabled) {
  console.warn('skipping the cluster-wide limit tests: set REDIS_URL and DATABASE_URL');
}

type Attempt = { open: WebSocket } | { status: number; body: string };

/** A sync socket from 127.0.0.1: open, or the HTTP status the upgrade was refused with. */
function connect(node: EnsembleNode, token: string): Promise<Attempt> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${node.url.replace(/^http/, 'ws')}/sync/limits-room?token=${token}`);
    ws.once('open', () => resolve({ open: ws }));
    ws.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    ws.once('error', (error) => {
      if (!String(error.message).includes('Unexpected server response')) reject(error);
    });
  });
}

/** Retries `attempt` until it yields a value (the release travels to Redis asynchronously). */
async function eventually<T>(
  attempt: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(!clusterTestsEnabled)('cluster-wide limits: two nodes on Redis + Postgres', () => {
  const nodes: EnsembleNode[] = [];
  const sockets: WebSocket[] = [];
  let database: { url: string; drop(): Promise<void> };
  let token: string;

  beforeAll(async () => {
    database = await isolatedDatabaseUrl(DATABASE_URL!);
    const settings = {
      databaseUrl: database.url,
      redisUrl: REDIS_URL!,
      // Nobody else's keys (other test runs, other clusters on this Redis) count here.
      redisPrefix: `ens-test-limits-${randomBytes(4).toString('hex')}:`,
      jwtSecret: TEST_SECRET,
      syncConnectionsPerIp: 2,
      apiRequestsPerMinute: 4,
    };
    // The first node migrates the fresh schema; the second starts against a current one.
    nodes.push(await startTestNode(settings));
    nodes.push(await startTestNode(settings));
    token = (await mintToken({ secret: TEST_SECRET, sub: 'ana', rooms: { '*': 'editor' } })).token;
  });

  afterAll(async () => {
    for (const ws of sockets) ws.terminate();
    await Promise.all(nodes.map((n) => n.close()));
    await database?.drop().catch(() => undefined);
  });

  it('caps sync connections per IP across nodes, and frees a slot when a socket closes', async () => {
    const [a, b] = nodes as [EnsembleNode, EnsembleNode];
    for (const node of [a, b]) {
      const attempt = await connect(node, token);
      expect('open' in attempt).toBe(true);
      if ('open' in attempt) sockets.push(attempt.open);
    }
    // Each node holds one; the IP's cap of two is reached on both.
    for (const node of [a, b]) {
      const refused = await connect(node, token);
      expect(refused).toMatchObject({ status: 429 });
      if ('body' in refused) {
        expect(JSON.parse(refused.body)).toMatchObject({
          error: { code: 'ENSEMBLE_RATE_LIMITED', message: 'too many sync connections from 127.0.0.1' },
        });
      }
    }
    // Closing the socket on node a frees a slot that node b can hand out.
    sockets.shift()!.close();
    sockets.push(
      await eventually(async () => {
        const attempt = await connect(b, token);
        return 'open' in attempt ? attempt.open : undefined;
      }, 'a freed slot is admitted on the other node'),
    );
    expect('status' in (await connect(a, token))).toBe(true);
  });

  it('shares one REST budget per user between nodes', async () => {
    const [a, b] = nodes as [EnsembleNode, EnsembleNode];
    const me = (node: EnsembleNode) =>
      fetch(`${node.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    const statuses = [];
    for (const node of [a, b, a, b, a]) statuses.push((await me(node)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    const refused = await me(b);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});
