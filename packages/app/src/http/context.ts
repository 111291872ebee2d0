import type { RateLimiter, SyncEngine, TokenVerifier } from '@ensemble/server';
import type { Database } from '@ensemble/storage';
import type { Registry } from 'prom-client';
import type { Config } from '../config/schema.js';
import type { DatabaseHealth } from '../runtime/database-health.js';
import type { Logger } from '../runtime/logger.js';

/** What the HTTP layer needs from the running node; built once in runtime/node.ts. */
export interface AppContext {
  config: Config;
  db: Database;
  health: DatabaseHealth;
  log: Logger;
  metrics: Registry;
  verifier: TokenVerifier;
  /** The realtime engine: REST room routes read and change documents through it. */
  sync: SyncEngine;
  /** Rate limits and connection caps: in memory, or shared through Redis on a cluster. */
  limiter: RateLimiter;
  /** Present in dev mode only: the secret local tokens are signed with. */
  devSecret: string | undefined;
  version: string;
  startedAt: Date;
  /** True once shutdown began: /readyz fails so load balancers stop routing here. */
  isShuttingDown(): boolean;
}
