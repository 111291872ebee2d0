#!/usr/bin/env node
import { isEnsembleError } from '@ensemble/protocol';
import { Command } from 'commander';
import { registerCatalogCommand } from './cli/catalog-command.js';
import { addConfigOptions, configFlags } from './cli/config-options.js';
import { runTokenCommand, type TokenCommandOptions } from './cli/token-command.js';
import { loadConfig } from './config/load.js';
import type { Config } from './config/schema.js';
import { lockDataDir } from './runtime/data-dir-lock.js';
import { devSecret } from './runtime/dev-secret.js';
import { createLogger } from './runtime/logger.js';
import { startNode } from './runtime/node.js';
import { migrateStorage, openStorage } from './runtime/open-storage.js';
import { startPublishWorker } from './runtime/publish-worker.js';
import { exitOnSignals } from './runtime/signals.js';
import { VERSION } from './runtime/version.js';

const EXIT_CONFIG = 2;
const EXIT_FAILURE = 1;

function fail(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  const code = isEnsembleError(error) ? ` [${error.code}]` : '';
  process.stderr.write(`ensemble: ${message}${code}\n`);
  process.exit(isEnsembleError(error) && error.code === 'ENSEMBLE_CONFIG' ? EXIT_CONFIG : EXIT_FAILURE);
}

function config(options: Record<string, unknown>): Config {
  try {
    return loadConfig({
      flags: configFlags(options),
      env: process.env,
      file: typeof options.config === 'string' ? options.config : undefined,
    });
  } catch (error) {
    fail(error);
  }
}

const program = new Command()
  .name('ensemble')
  .description(
    'Ensemble — self-hosted multiplayer platform: realtime sync, Studio, Publish and Catalog in one process',
  )
  .version(VERSION)
  .showHelpAfterError('(run with --help for usage)');

addConfigOptions(
  program
    .command('serve')
    .description('Run the server (HTTP API, WebSocket sync, web app) — what `npm start` runs'),
).action(async (options: Record<string, unknown>) => {
  const cfg = config(options);
  const log = createLogger(cfg);
  try {
    const node = await startNode(cfg, { log, publishWorker: true });
    exitOnSignals(() => node.close(), log, cfg.shutdownTimeoutMs);
  } catch (error) {
    log.fatal({ err: error }, 'failed to start');
    fail(error);
  }
});

addConfigOptions(program.command('migrate').description('Apply pending database migrations and exit'), [
  'dataDir',
  'databaseUrl',
  'logLevel',
]).action(async (options: Record<string, unknown>) => {
  const cfg = config(options);
  const log = createLogger(cfg);
  const unlock = cfg.databaseUrl ? () => undefined : lockDataDir(cfg.dataDir);
  try {
    const db = await openStorage(cfg, log);
    try {
      await migrateStorage(db, log);
    } finally {
      await db.close();
    }
  } catch (error) {
    fail(error);
  } finally {
    unlock();
  }
});

addConfigOptions(
  program
    .command('worker')
    .description(
      'Run publish workers only (no HTTP): publish due posts; start as many processes as you like (PostgreSQL)',
    ),
  [
    'mode',
    'dataDir',
    'databaseUrl',
    'jwtSecret',
    'logLevel',
    'shutdownTimeoutMs',
    'publishKey',
    'publishWorkers',
    'publishQueueSchema',
    'publishGraphUrl',
    'publishInstagramUrl',
    'publishGraphVersion',
    'publishLinkedinUrl',
    'publishLinkedinVersion',
    'publishRequestTimeoutMs',
    'publishRetryBaseMs',
  ],
).action(async (options: Record<string, unknown>) => {
  const cfg = config(options);
  const log = createLogger(cfg);
  if (!cfg.databaseUrl) {
    // PGlite is single-process: its data directory belongs to `ensemble serve`, which runs the worker itself.
    fail(
      new Error(
        'ensemble worker needs DATABASE_URL (PostgreSQL); with the embedded database, `ensemble serve` runs the publish worker in-process',
      ),
    );
  }
  try {
    const db = await openStorage(cfg, log);
    await migrateStorage(db, log);
    // The same dev secret `serve` derives its dev-mode token key from (see runtime/node.ts).
    const secret =
      cfg.mode === 'dev' ? (cfg.jwtSecret ?? (cfg.jwksUrl ? undefined : devSecret(cfg.dataDir))) : undefined;
    const worker = await startPublishWorker(cfg, db, log, secret);
    log.info({ workerId: worker.workerId, loops: cfg.publishWorkers }, 'publish worker running');
    exitOnSignals(
      async () => {
        await worker.stop();
        await db.close();
      },
      log,
      cfg.shutdownTimeoutMs,
    );
  } catch (error) {
    log.fatal({ err: error }, 'failed to start the publish worker');
    fail(error);
  }
});

const collect = (value: string, previous: string[]) => [...previous, value];

addConfigOptions(
  program
    .command('token')
    .description('Mint a JWT for a user and room patterns (for scripts and tests); prints the token')
    .requiredOption('--user <id>', 'user id (the `sub` claim)')
    .option('--name <name>', 'display name')
    .option('--color <color>', 'cursor color, e.g. #0090ff')
    .option('--avatar <url>', 'avatar URL')
    .option(
      '--room <pattern=role>',
      'grant a role on rooms matching pattern, e.g. project:*=editor (repeatable)',
      collect,
      [],
    )
    .option(
      '--tenant <companyId=role>',
      'company membership for Publish, e.g. acme=admin (repeatable)',
      collect,
      [],
    )
    .option('--ttl <seconds>', 'lifetime in seconds', '3600')
    .option(
      '--secret <secret>',
      'HS256 secret (default: ENSEMBLE_JWT_SECRET, or the dev secret of --data-dir)',
    )
    .option('--json', 'print {token, expiresAt} as JSON'),
  ['mode', 'dataDir', 'jwtSecret', 'jwtIssuer', 'jwtAudience'],
).action(async (options: Record<string, unknown>) => {
  const cfg = config(options);
  try {
    process.stdout.write(`${await runTokenCommand(cfg, options as unknown as TokenCommandOptions)}\n`);
  } catch (error) {
    fail(error);
  }
});

registerCatalogCommand(program);

program.parseAsync(process.argv).catch(fail);
