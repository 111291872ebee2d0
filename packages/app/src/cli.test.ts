import { createTokenVerifier } from '@ensemble/server';
import { describe, expect, it } from 'vitest';
import { collect, runCli, spawnCli } from './test-support/cli.js';
import { TEST_SECRET, tempDir } from './test-support/node.js';

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForReady(
  url: string,
  child: { exitCode: number | null },
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not become ready');
}

describe('ensemble CLI', () => {
  it('prints help for the program and every command', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    for (const command of ['serve', 'migrate', 'token']) expect(top.stdout).toContain(command);
    const serve = await runCli(['serve', '--help']);
    expect(serve.stdout).toMatch(/--port <value>.*ENSEMBLE_PORT/s);
    expect(serve.stdout).toMatch(/--data-dir <value>.*ENSEMBLE_DATA_DIR/s);
    expect((await runCli(['migrate', '--help'])).stdout).toMatch(/--database-url/);
    expect((await runCli(['token', '--help'])).stdout).toMatch(/--room <pattern=role>/);
  });

  it('exits non-zero naming the bad setting', async () => {
    const result = await runCli(['serve'], { ENSEMBLE_PORT: 'abc' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/ENSEMBLE_PORT: must be a whole number/);
    const flag = await runCli(['serve', '--log-level', 'chatty']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/--log-level/);
  });

  it('refuses production mode without a key', async () => {
    const result = await runCli(['serve', '--data-dir', tempDir()], { ENSEMBLE_MODE: 'production' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/production mode needs a key/);
  });

  it('fails fast with a clear error when the database is unreachable at start', async () => {
    const result = await runCli([
      'serve',
      '--port',
      '0',
      '--database-url',
      'postgres://postgres@127.0.0.1:1/none',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot open PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:1\/none/);
    expect(result.stderr).toMatch(/ECONNREFUSED|unavailable/);
  });

  it('mints tokens that the server verifies', async () => {
    const result = await runCli([
      'token',
      '--user',
      'ci-bot',
      '--name',
      'CI',
      '--room',
      'build:*=editor',
      '--room',
      'project:7=viewer',
      '--tenant',
      'acme=admin',
      '--ttl',
      '120',
      '--secret',
      TEST_SECRET,
    ]);
    expect(result.code).toBe(0);
    const principal = await createTokenVerifier({ secret: TEST_SECRET }).verify(result.stdout.trim());
    expect(principal.user).toMatchObject({ id: 'ci-bot', name: 'CI' });
    expect(principal.rooms).toEqual(
      expect.arrayContaining([
        { pattern: 'build:*', role: 'editor' },
        { pattern: 'project:7', role: 'viewer' },
      ]),
    );
    expect(principal.tenants).toEqual([{ companyId: 'acme', role: 'admin' }]);
  });

  it('explains a bad --room grant', async () => {
    const result = await runCli([
      'token',
      '--user',
      'x',
      '--room',
      'project:*=owner',
      '--secret',
      TEST_SECRET,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /--room project:\*=owner: expected <pattern>=<viewer\|commenter\|editor\|admin>/,
    );
  });

  it('migrates an embedded database, and a second run applies nothing', async () => {
    const dataDir = tempDir();
    const first = await runCli(['migrate', '--data-dir', dataDir]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/applying migration 1_foundation/);
    const second = await runCli(['migrate', '--data-dir', dataDir]);
    expect(second.code).toBe(0);
    expect(second.stdout).not.toMatch(/applying migration/);
    expect(second.stdout).toMatch(/"applied":0/);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`serves, then exits 0 on ${signal} after a graceful shutdown`, async () => {
      const port = await freePort();
      const dataDir = tempDir();
      const child = spawnCli(['serve', '--port', String(port), '--data-dir', dataDir]);
      const run = collect(child);
      await waitForReady(`http://127.0.0.1:${port}`, child);
      expect(run.output().stdout).toMatch(/DEV MODE/);
      // Dev-mode tokens minted by the CLI (same data dir) are accepted by the running server.
      const minted = await runCli(['token', '--user', 'script', '--data-dir', dataDir]);
      const me = await fetch(`http://127.0.0.1:${port}/api/v1/me`, {
        headers: { authorization: `Bearer ${minted.stdout.trim()}` },
      });
      expect(me.status).toBe(200);
      child.kill(signal);
      const result = await run.done;
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/shutdown complete/);
    });
  }
});
