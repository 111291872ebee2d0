import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/load.js';
import type { Config, ConfigInput } from '../config/schema.js';
import { type EnsembleNode, type StartOptions, startNode } from '../runtime/node.js';

export const TEST_SECRET = 'test-secret-that-is-long-enough-0123456789';

export function tempDir(prefix = 'ens-app-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function testConfig(overrides: ConfigInput = {}, env: Record<string, string> = {}): Config {
  return loadConfig({
    env,
    flags: { port: 0, dataDir: tempDir(), logLevel: 'silent', readinessIntervalMs: 100, ...overrides },
  });
}

/** A real node on a free port with its own embedded database (or the Postgres URL given). */
export async function startTestNode(
  overrides: ConfigInput = {},
  options: StartOptions = {},
): Promise<EnsembleNode> {
  // The catalog's background build is opt-in for tests (catalog tests pass `{ catalog: true }`).
  return startNode(testConfig(overrides), { catalog: false, ...options });
}

export async function json<T = unknown>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/**
 * A Postgres URL whose connections live in a fresh schema of the shared test database, so app tests
 * never see (or leave) state in `public`.
 */
export async function isolatedDatabaseUrl(base: string): Promise<{ url: string; drop(): Promise<void> }> {
  const { openPostgres } = await import('@ensemble/storage');
  const { uniqueSchema } = await import('@ensemble/storage/test-support');
  const schema = uniqueSchema('app');
  const admin = await openPostgres({ connectionString: base, schema });
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      await admin.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.close();
    },
  };
}
