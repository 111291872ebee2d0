/**
 * Losing the database at run time: /readyz fails, database-backed requests get 503, and the node
 * recovers by itself when the database returns. Uses the real Postgres behind a TCP proxy.
 */

import { mintToken } from '@ensemble/server';
import { TEST_DATABASE_URL } from '@ensemble/storage/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedDatabaseUrl, json, startTestNode, TEST_SECRET } from '../test-support/node.js';
import { TcpProxy } from '../test-support/tcp-proxy.js';
import type { EnsembleNode } from './node.js';

async function until<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!TEST_DATABASE_URL)('database outage (Postgres)', () => {
  let proxy: TcpProxy;
  let node: EnsembleNode;
  let token: string;
  let isolated: Awaited<ReturnType<typeof isolatedDatabaseUrl>>;

  beforeAll(async () => {
    isolated = await isolatedDatabaseUrl(TEST_DATABASE_URL!);
    const target = new URL(isolated.url);
    proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.start();
    target.host = `127.0.0.1:${proxy.port}`;
    node = await startTestNode({ databaseUrl: target.toString(), jwtSecret: TEST_SECRET });
    token = (await mintToken({ secret: TEST_SECRET, sub: 'ops' })).token;
  });
  afterAll(async () => {
    await node?.close();
    await proxy?.stop();
    await isolated?.drop();
  });

  const ready = () => fetch(`${node.url}/readyz`).then((r) => r.status);
  const status = () =>
    fetch(`${node.url}/api/v1/status`, { headers: { authorization: `Bearer ${token}` } }).then(async (r) => ({
      code: r.status,
      body: await json<{ error?: { code: string } }>(r),
    }));

  it('goes not-ready with 503s while the database is gone and recovers when it returns', async () => {
    expect(await ready()).toBe(200);
    expect((await status()).code).toBe(200);

    await proxy.stop();
    expect(await until(ready, (s) => s === 503)).toBe(503);
    const during = await until(status, (s) => s.code === 503);
    expect(during.code).toBe(503);
    expect(during.body.error?.code).toBe('ENSEMBLE_DATABASE_UNAVAILABLE');
    // The process itself stays up and says so.
    expect((await fetch(`${node.url}/healthz`)).status).toBe(200);

    await proxy.start();
    expect(await until(ready, (s) => s === 200)).toBe(200);
    expect((await until(status, (s) => s.code === 200)).code).toBe(200);
  });
});
