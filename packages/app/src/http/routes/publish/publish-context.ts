import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import {
  type Caller,
  createTokenCipher,
  DEFAULT_PLATFORM_CONFIG,
  deriveDevKey,
  type PlatformConfig,
  PublishQueue,
  parseKey,
  type TokenCipher,
} from '@ensemble/publish';
import type { Principal } from '@ensemble/server';
import type { Database } from '@ensemble/storage';
import type { Config } from '../../../config/schema.js';

/** What the Publish routes (and the in-process worker) are built from; one place reads the config. */
export interface PublishContext {
  db: Database;
  queue: PublishQueue;
  cipher: TokenCipher;
}

/** A cipher that explains the missing key the first time a token has to be sealed or opened. */
const missingKey: TokenCipher = {
  encrypt() {
    throw new EnsembleError(
      ErrorCode.Config,
      'Publish cannot store account tokens: set ENSEMBLE_PUBLISH_KEY (32 bytes, e.g. `openssl rand -base64 32`)',
    );
  },
  decrypt() {
    throw new EnsembleError(
      ErrorCode.Config,
      'Publish cannot read account tokens: ENSEMBLE_PUBLISH_KEY is not set',
    );
  },
};

/** The configured key; in dev mode without one, a key derived from the persisted dev secret. */
export function publishCipher(config: Config, devSecret: string | undefined): TokenCipher {
  if (config.publishKey) return createTokenCipher(parseKey(config.publishKey));
  if (config.mode === 'dev' && devSecret) return createTokenCipher(deriveDevKey(devSecret));
  return missingKey;
}

export function platformConfig(config: Config): PlatformConfig {
  return {
    ...DEFAULT_PLATFORM_CONFIG,
    graphBaseUrl: config.publishGraphUrl,
    graphVersion: config.publishGraphVersion,
    instagramBaseUrl: config.publishInstagramUrl ?? config.publishGraphUrl,
    linkedinBaseUrl: config.publishLinkedinUrl,
    linkedinVersion: config.publishLinkedinVersion,
    requestTimeoutMs: config.publishRequestTimeoutMs,
  };
}

/** pg-boss on the same database: its own pool on Postgres, our connection on PGlite. */
export function publishQueue(
  config: Config,
  db: Database,
  options: { supervise: boolean; onError?: (error: Error) => void },
): PublishQueue {
  return new PublishQueue({
    db,
    postgresUrl: config.databaseUrl,
    schema: config.publishQueueSchema,
    supervise: options.supervise,
    onError: options.onError,
  });
}

export function callerOf(principal: Principal): Caller {
  return { userId: principal.user.id, tenants: principal.tenants };
}
