import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { mintToken } from '@ensemble/server';
import type { FastifyPluginAsync } from 'fastify';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { TEST_SECRET, testConfig } from '../test-support/node.js';
import { startNode } from './node.js';

describe('graceful shutdown', () => {
  it('finishes in-flight requests, refuses new work, closes sync sockets with 1012 and releases the data dir', async () => {
    let releaseSlow!: () => void;
    let markStarted!: () => void;
    const slowStarted = new Promise<void>((resolve) => {
      markStarted = resolve;
    });
    const slowRoute: FastifyPluginAsync = async (app) => {
      app.get('/test/slow', { config: { availableWithoutDatabase: true } }, async () => {
        markStarted();
        await new Promise<void>((resolve) => {
          releaseSlow = resolve;
        });
        return { done: true };
      });
    };
    const config = testConfig({ jwtSecret: TEST_SECRET });
    const holdOpen = (ws: WebSocket) => {
      ws.on('message', () => undefined);
    };
    const node = await startNode(config, {
      plugins: [slowRoute],
      syncHandler: holdOpen,
    });
    expect(existsSync(join(config.dataDir, 'ensemble.lock'))).toBe(true);

    const token = (await mintToken({ secret: TEST_SECRET, sub: 'ana', rooms: { '*': 'editor' } })).token;
    const ws = new WebSocket(`${node.url.replace('http', 'ws')}/sync/doc?token=${token}`);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const wsClosed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

    const inFlight = fetch(`${node.url}/test/slow`).then(async (r) => ({
      status: r.status,
      body: await r.json(),
    }));
    await slowStarted;

    const closing = node.close();
    expect(await wsClosed).toBe(1012);
    // New connections are refused while the old request drains.
    await expect(fetch(`${node.url}/healthz`)).rejects.toThrow();

    releaseSlow();
    expect(await inFlight).toEqual({ status: 200, body: { done: true } });
    await closing;
    expect(existsSync(join(config.dataDir, 'ensemble.lock'))).toBe(false);

    // Everything was flushed: the same data dir opens again with its schema in place.
    const again = await startNode(config);
    const ready = await fetch(`${again.url}/readyz`);
    expect(ready.status).toBe(200);
    await again.close();
  });

  it('refuses a second node on the same data directory', async () => {
    const config = testConfig();
    const node = await startNode(config);
    try {
      await expect(startNode({ ...config })).rejects.toThrow(/in use by another ensemble process/);
    } finally {
      await node.close();
    }
  });
});
