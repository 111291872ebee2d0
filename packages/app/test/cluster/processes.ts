/**
 * Real `ensemble serve` processes (the CLI from source) forming one cluster on the machine's
 * PostgreSQL and Redis. Used by the scale-out tests.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { TEST_SECRET, tempDir } from '../../src/test-support/node.js';

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));

export const REDIS_URL = process.env.REDIS_URL;
export const DATABASE_URL = process.env.DATABASE_URL;
export const clusterTestsEnabled = Boolean(REDIS_URL && DATABASE_URL);

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export class NodeProcess {
  child: ChildProcess | undefined;
  readonly dataDir = tempDir('ens-cluster-');

  constructor(
    readonly port: number,
    private readonly databaseUrl: string,
  ) {}

  get http(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Sync endpoint base for y-websocket providers and raw clients. */
  get ws(): string {
    return `ws://127.0.0.1:${this.port}/sync`;
  }

  async start(): Promise<void> {
    this.child = spawn(
      process.execPath,
      [
        '--conditions=source',
        '--import',
        'tsx',
        CLI,
        'serve',
        '--port',
        String(this.port),
        '--data-dir',
        this.dataDir,
      ],
      {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '/tmp',
          ENSEMBLE_LOG_LEVEL: process.env.CLUSTER_TEST_LOG_LEVEL ?? 'warn',
          DATABASE_URL: this.databaseUrl,
          REDIS_URL: REDIS_URL ?? '',
          ENSEMBLE_JWT_SECRET: TEST_SECRET,
          ENSEMBLE_PUBLISH_WORKERS: '0',
        },
        // CLUSTER_TEST_LOG_LEVEL=info shows the nodes' logs when debugging.
        stdio: ['ignore', process.env.CLUSTER_TEST_LOG_LEVEL ? 'inherit' : 'ignore', 'inherit'],
      },
    );
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (this.exited) throw new Error(`node on port ${this.port} exited at start`);
      try {
        if ((await fetch(`${this.http}/readyz`)).status === 200) return;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) throw new Error(`node on port ${this.port} did not become ready`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** A process killed by a signal has no exit code, only a signal code. */
  get exited(): boolean {
    return this.child !== undefined && (this.child.exitCode !== null || this.child.signalCode !== null);
  }

  /** `kill -9`: no flush, no goodbye. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || this.exited) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || this.exited) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

const REDIS_START = [
  '--daemonize',
  'yes',
  '--bind',
  '127.0.0.1',
  '-::1',
  '--port',
  '6379',
  '--save',
  '',
  '--appendonly',
  'no',
  '--dir',
  '/var/lib/redis',
  '--logfile',
  '/var/log/redis/ci.log',
];

export function redisAnswers(): boolean {
  try {
    return (
      execFileSync('redis-cli', ['-p', '6379', 'ping'], { encoding: 'utf8', timeout: 2_000 }).trim() ===
      'PONG'
    );
  } catch {
    return false;
  }
}

/** Stops the machine's Redis (it keeps nothing on disk). */
export function stopRedis(): void {
  try {
    execFileSync('redis-cli', ['-p', '6379', 'shutdown', 'nosave'], { timeout: 5_000, stdio: 'ignore' });
  } catch {
    // `shutdown` closes the connection before answering: that is success
  }
}

/** Starts the machine's Redis again (the command CI uses) and waits until it answers. */
export async function startRedis(): Promise<void> {
  if (redisAnswers()) return;
  execFileSync('redis-server', REDIS_START, { timeout: 10_000, stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  while (!redisAnswers()) {
    if (Date.now() > deadline) throw new Error('Redis did not come back');
    await new Promise((r) => setTimeout(r, 100));
  }
}
