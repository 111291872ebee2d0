import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './freePort.js';
import { repoRoot } from './paths.js';

export interface RunningServer {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  port: number;
  dataDir: string;
  /** Everything the child wrote to stderr so far (capped). */
  stderr: () => string;
  /** Sends SIGTERM, waits for exit, removes the data dir; resolves to the exit code. */
  stop: () => Promise<number | null>;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;
const MAX_CAPTURE = 64 * 1024;

/** `packages/app/dist/cli.js`, or `ENSEMBLE_CLI` to point the tests at another build. */
function cliPath(): string {
  return process.env.ENSEMBLE_CLI ?? join(repoRoot, 'packages/app/dist/cli.js');
}

function assertBuilt(cli: string): void {
  if (!existsSync(cli)) {
    throw new Error(
      `Server not built: ${cli} is missing. Run \`npx tsc -b packages/app\` (or \`npm run build\`).`,
    );
  }
  if (!existsSync(join(repoRoot, 'packages/web/dist/index.html'))) {
    throw new Error('Web app not built: run `npm run build -w @ensemble/web` (or `npm run build`).');
  }
}

/**
 * The parent's environment minus `ENSEMBLE_*` settings (mode, config file, web dir…) and the
 * database/cluster URLs CI exports for the integration tests: the browser suite runs on the embedded
 * default, like `npm start`. Set E2E_DATABASE_URL to run it on Postgres instead.
 */
function inheritedEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('ENSEMBLE_') && key !== 'DATABASE_URL' && key !== 'REDIS_URL',
    ),
  );
  if (process.env.E2E_DATABASE_URL) env.DATABASE_URL = process.env.E2E_DATABASE_URL;
  return env;
}

function capture(stream: NodeJS.ReadableStream | null): () => string {
  let text = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    text = (text + chunk).slice(-MAX_CAPTURE);
  });
  return () => text;
}

function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function waitUntilReady(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `ensemble serve exited early (code ${child.exitCode}, signal ${child.signalCode}).\n--- stderr ---\n${stderr()}`,
      );
    }
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      lastProblem = `GET /readyz → ${response.status} ${await response.text()}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await sleep(250);
  }
  throw new Error(
    `ensemble serve was not ready within ${READY_TIMEOUT_MS / 1000}s (${lastProblem}).\n--- stderr ---\n${stderr()}`,
  );
}

/**
 * Starts `node packages/app/dist/cli.js serve` on a free port with a fresh data directory. `env`
 * adds settings on top (e.g. Publish platform URLs pointing at a fake platform).
 */
export async function startServer(options: { env?: Record<string, string> } = {}): Promise<RunningServer> {
  const cli = cliPath();
  assertBuilt(cli);
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'ensemble-e2e-'));
  const url = `http://127.0.0.1:${port}`;

  const child = spawn(process.execPath, [cli, 'serve', '--port', String(port), '--data-dir', dataDir], {
    cwd: repoRoot,
    env: { ...inheritedEnv(), ENSEMBLE_LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  capture(child.stdout);
  const stderr = capture(child.stderr);

  const stop = async (): Promise<number | null> => {
    const exited = waitForExit(child);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    try {
      const code = await exited;
      if (child.signalCode === 'SIGKILL') {
        throw new Error(`ensemble serve ignored SIGTERM for ${STOP_TIMEOUT_MS / 1000}s and was killed`);
      }
      return code;
    } finally {
      clearTimeout(timer);
      await rm(dataDir, { recursive: true, force: true });
    }
  };

  try {
    await waitUntilReady(url, child, stderr);
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  return { url, port, dataDir, stderr, stop };
}
