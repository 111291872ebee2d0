/**
 * SPEC 4.4 / issue 3 durability: the real server process is killed with SIGKILL mid-stream. After a
 * restart, every update acknowledged as saved is there — before any client reconnects — and the
 * writer, reconnecting, converges with the server on the union of all edits.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { RawClient } from '@ensemble/server/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../src/test-support/node.js';
import { until } from '../support.js';

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function startServer(port: number, dataDir: string): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', CLI, 'serve', '--port', String(port), '--data-dir', dataDir],
    {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ENSEMBLE_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}

async function ready(port: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error('server did not become ready');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('durability across kill -9', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children) child.kill('SIGKILL');
  });

  it('keeps every acknowledged update and converges after restart', async () => {
    const port = await freePort();
    const dataDir = tempDir('ens-durable-');
    const url = `ws://127.0.0.1:${port}/sync/doc:durable`;
    let server = startServer(port, dataDir);
    children.push(server);
    await ready(port);

    const writer = new RawClient();
    await writer.connect(url);
    await until(() => writer.synced, 'writer synced');
    const text = writer.doc.getText('t');

    // Stream single-character edits until a good number are acknowledged, then kill mid-stream.
    let i = 0;
    const typing = setInterval(() => {
      for (let k = 0; k < 5; k++) text.insert(text.length, String.fromCharCode(97 + (i++ % 26)));
    }, 2);
    await until(() => writer.savedEdits >= 300, '300 edits acknowledged', 60_000);
    server.kill('SIGKILL');
    clearInterval(typing);
    await new Promise((r) => server.once('exit', r));
    const acked = writer.savedEdits;
    const expectedPrefix = text.toString().slice(0, acked);
    // Keep typing while the server is down: these must arrive by resync after reconnect.
    text.insert(text.length, '|offline');
    expect(writer.sentEdits).toBeGreaterThanOrEqual(acked);

    server = startServer(port, dataDir);
    children.push(server);
    await ready(port);

    // A fresh client, before the writer comes back, sees every acknowledged update.
    const reader = new RawClient();
    await reader.connect(url);
    await until(() => reader.synced, 'reader synced');
    const recovered = reader.doc.getText('t').toString();
    expect(recovered.length).toBeGreaterThanOrEqual(acked);
    expect(recovered.startsWith(expectedPrefix)).toBe(true);

    // The writer reconnects and resends what the server missed; everyone converges on the union.
    writer.ws?.terminate();
    await writer.connect(url);
    await until(
      () => reader.doc.getText('t').toString() === writer.doc.getText('t').toString(),
      'reader and writer converge',
      30_000,
    );
    expect(reader.doc.getText('t').toString()).toBe(text.toString());
    expect(text.toString().endsWith('|offline')).toBe(true);

    reader.destroy();
    writer.destroy();
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  });
});

describe('durability across SIGTERM', () => {
  it('flushes every received update on a graceful stop, acknowledged or not', async () => {
    const port = await freePort();
    const dataDir = tempDir('ens-graceful-');
    const url = `ws://127.0.0.1:${port}/sync/doc:graceful`;
    let server = startServer(port, dataDir);
    await ready(port);
    const writer = new RawClient();
    await writer.connect(url);
    await until(() => writer.synced, 'writer synced');
    const text = writer.doc.getText('t');
    for (let i = 0; i < 200; i++) text.insert(text.length, 'y');
    // Wait until the server has the edits in memory (an echo-free way: a second client sees them).
    const watcher = new RawClient();
    await watcher.connect(url);
    await until(() => watcher.doc.getText('t').length === 200, 'server has all 200 edits');
    const stopped = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await stopped).toBe(0);
    watcher.destroy();
    writer.destroy();

    server = startServer(port, dataDir);
    await ready(port);
    const reader = new RawClient();
    await reader.connect(url);
    await until(() => reader.synced, 'reader synced');
    expect(reader.doc.getText('t').toString()).toBe('y'.repeat(200));
    reader.destroy();
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  });
});
