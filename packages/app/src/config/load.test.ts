import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode } from '@ensemble/protocol';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './load.js';

const SECRET = 'x'.repeat(32);

function configFile(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ens-cfg-')), 'ensemble.json');
  writeFileSync(path, content);
  return path;
}

function errorOf(fn: () => unknown): Error & { code?: string } {
  try {
    fn();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected an error');
}

describe('loadConfig', () => {
  it('has sensible defaults for the embedded dev setup', () => {
    const config = loadConfig({ env: {} });
    expect(config).toMatchObject({
      mode: 'dev',
      port: 4400,
      dataDir: './data',
      host: '127.0.0.1',
      logLevel: 'info',
    });
    expect(config.databaseUrl).toBeUndefined();
  });

  it('layers file < env < flags', () => {
    const file = configFile(JSON.stringify({ port: 1000, dataDir: '/from-file', logLevel: 'debug' }));
    const config = loadConfig({
      file,
      env: { ENSEMBLE_PORT: '2000', ENSEMBLE_DATA_DIR: '/from-env' },
      flags: { port: '3000' },
    });
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('/from-env');
    expect(config.logLevel).toBe('debug');
  });

  it('reads the config file named by ENSEMBLE_CONFIG', () => {
    const file = configFile(JSON.stringify({ port: 4999 }));
    expect(loadConfig({ env: { ENSEMBLE_CONFIG: file } }).port).toBe(4999);
  });

  it('names the environment variable that holds a bad value', () => {
    const error = errorOf(() => loadConfig({ env: { ENSEMBLE_PORT: 'abc' } }));
    expect(error.code).toBe(ErrorCode.Config);
    expect(error.message).toMatch(/ENSEMBLE_PORT: /);
  });

  it('names the flag that holds a bad value', () => {
    const error = errorOf(() => loadConfig({ env: {}, flags: { port: '70000' } }));
    expect(error.message).toMatch(/--port: must be at most 65535/);
  });

  it('reports every bad setting at once', () => {
    const error = errorOf(() =>
      loadConfig({
        env: {
          ENSEMBLE_LOG_LEVEL: 'loud',
          DATABASE_URL: 'mysql://x',
          REDIS_URL: 'nope',
          ENSEMBLE_MODE: 'prod',
        },
      }),
    );
    expect(error.message).toMatch(/ENSEMBLE_LOG_LEVEL/);
    expect(error.message).toMatch(/DATABASE_URL: must be a PostgreSQL URL/);
    expect(error.message).toMatch(/REDIS_URL: must be a Redis URL/);
    expect(error.message).toMatch(/ENSEMBLE_MODE/);
  });

  it('refuses production mode without a key', () => {
    const error = errorOf(() => loadConfig({ env: { ENSEMBLE_MODE: 'production' } }));
    expect(error.message).toMatch(/ENSEMBLE_JWT_SECRET: production mode needs a key/);
    const ok = loadConfig({ env: { ENSEMBLE_MODE: 'production', ENSEMBLE_JWT_SECRET: SECRET } });
    expect(ok.host).toBe('0.0.0.0');
  });

  it('refuses a short secret and a secret together with a JWKS URL', () => {
    expect(errorOf(() => loadConfig({ env: { ENSEMBLE_JWT_SECRET: 'short' } })).message).toMatch(
      /ENSEMBLE_JWT_SECRET: must be at least 32 characters/,
    );
    expect(
      errorOf(() =>
        loadConfig({ env: { ENSEMBLE_JWT_SECRET: SECRET, ENSEMBLE_JWKS_URL: 'https://idp.example/jwks' } }),
      ).message,
    ).toMatch(/not both/);
  });

  it('names unknown and bad keys of the config file', () => {
    const file = configFile(JSON.stringify({ prot: 1, port: 'x' }));
    const error = errorOf(() => loadConfig({ file, env: {} }));
    expect(error.message).toMatch(/prot \(in .*ensemble\.json\): unknown setting/);
    expect(error.message).toMatch(/port \(in .*ensemble\.json\)/);
  });

  it('explains unreadable and malformed config files', () => {
    expect(errorOf(() => loadConfig({ file: '/no/such/file.json', env: {} })).message).toMatch(
      /cannot read config file \/no\/such\/file\.json/,
    );
    expect(errorOf(() => loadConfig({ file: configFile('{port: 1'), env: {} })).message).toMatch(
      /not valid JSON/,
    );
    expect(errorOf(() => loadConfig({ file: configFile('[1]'), env: {} })).message).toMatch(/JSON object/);
  });
});
