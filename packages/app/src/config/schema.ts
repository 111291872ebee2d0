import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Every setting of the `ensemble` process. `env` names the environment variable, `flag` the CLI flag;
 * docs/configuration.md is written from this table, and config errors name settings with it.
 */
export const SETTINGS = {
  mode: {
    env: 'ENSEMBLE_MODE',
    flag: '--mode',
    doc: '`dev` (embedded default, issues local tokens) or `production` (requires a JWT key, no dev endpoints).',
  },
  host: {
    env: 'ENSEMBLE_HOST',
    flag: '--host',
    doc: 'Interface to listen on. Default `127.0.0.1` in dev mode, `0.0.0.0` in production.',
  },
  port: {
    env: 'ENSEMBLE_PORT',
    flag: '--port',
    doc: 'HTTP + WebSocket port (0 picks a free one). Default 4400.',
  },
  dataDir: {
    env: 'ENSEMBLE_DATA_DIR',
    flag: '--data-dir',
    doc: 'Directory of the embedded database. Default `./data`.',
  },
  databaseUrl: {
    env: 'DATABASE_URL',
    flag: '--database-url',
    doc: '`postgres://…` to use a PostgreSQL server instead of the embedded database.',
  },
  redisUrl: {
    env: 'REDIS_URL',
    flag: '--redis-url',
    doc: '`redis://…` to run as one node of a cluster (scale-out; needs `DATABASE_URL`). See docs/operations.md.',
  },
  redisPrefix: {
    env: 'ENSEMBLE_REDIS_PREFIX',
    flag: '--redis-prefix',
    doc: 'Prefix of every Redis key and channel, so several deployments (or test runs) can share one Redis. All nodes of one cluster must use the same. Default `ensemble:`.',
  },
  jwtSecret: {
    env: 'ENSEMBLE_JWT_SECRET',
    flag: '--jwt-secret',
    doc: 'HS256 shared secret (at least 32 characters) for verifying tokens.',
  },
  jwksUrl: {
    env: 'ENSEMBLE_JWKS_URL',
    flag: '--jwks-url',
    doc: 'JWKS URL for verifying tokens signed by your identity provider (RS256/ES256/EdDSA).',
  },
  jwtIssuer: { env: 'ENSEMBLE_JWT_ISSUER', flag: '--jwt-issuer', doc: 'Required `iss` claim, if set.' },
  jwtAudience: { env: 'ENSEMBLE_JWT_AUDIENCE', flag: '--jwt-audience', doc: 'Required `aud` claim, if set.' },
  logLevel: {
    env: 'ENSEMBLE_LOG_LEVEL',
    flag: '--log-level',
    doc: `One of ${LOG_LEVELS.join(', ')}. Default \`info\`.`,
  },
  trustProxyHops: {
    env: 'ENSEMBLE_TRUST_PROXY_HOPS',
    flag: '--trust-proxy-hops',
    doc: 'Proxies (load balancers) in front of every node. With 1 or more, the client IP for per-IP limits and logs is read from `X-Forwarded-For`, that many entries from its right end; with 0 it is the TCP peer. Set it only when clients cannot bypass the proxies. Default 0.',
  },
  bodyLimitBytes: {
    env: 'ENSEMBLE_BODY_LIMIT_BYTES',
    flag: '--body-limit-bytes',
    doc: 'Largest accepted HTTP request body. Default 1048576 (1 MiB).',
  },
  shutdownTimeoutMs: {
    env: 'ENSEMBLE_SHUTDOWN_TIMEOUT_MS',
    flag: '--shutdown-timeout-ms',
    doc: 'How long graceful shutdown may drain before it gives up. Default 10000.',
  },
  readinessIntervalMs: {
    env: 'ENSEMBLE_READINESS_INTERVAL_MS',
    flag: '--readiness-interval-ms',
    doc: 'How often the database is pinged for /readyz. Default 2000.',
  },
  syncMaxFrameBytes: {
    env: 'ENSEMBLE_SYNC_MAX_FRAME_BYTES',
    flag: '--sync-max-frame-bytes',
    doc: 'Largest sync message after the initial sync (the first SyncStep2 may be up to 32 MiB). Default 1048576.',
  },
  syncMessagesPerSecond: {
    env: 'ENSEMBLE_SYNC_MESSAGES_PER_SECOND',
    flag: '--sync-messages-per-second',
    doc: 'Per-socket message rate (token bucket, burst 2×); exceeding it closes that socket with 4429. Default 300.',
  },
  syncBytesPerSecond: {
    env: 'ENSEMBLE_SYNC_BYTES_PER_SECOND',
    flag: '--sync-bytes-per-second',
    doc: 'Per-socket byte rate (token bucket); exceeding it closes that socket with 4429. Default 4194304.',
  },
  syncConnectionsPerIp: {
    env: 'ENSEMBLE_SYNC_CONNECTIONS_PER_IP',
    flag: '--sync-connections-per-ip',
    doc: 'Open sync sockets per client IP (see `ENSEMBLE_TRUST_PROXY_HOPS`), counted across all nodes of a cluster; more are refused with HTTP 429. Default 500.',
  },
  syncMaxRooms: {
    env: 'ENSEMBLE_SYNC_MAX_ROOMS',
    flag: '--sync-max-rooms',
    doc: 'Rooms loaded at once on this node; joins beyond it close with 4503. Default 10000.',
  },
  syncIdleUnloadMs: {
    env: 'ENSEMBLE_SYNC_IDLE_UNLOAD_MS',
    flag: '--sync-idle-unload-ms',
    doc: 'A room without sockets is flushed, snapshotted and unloaded after this long. Default 30000.',
  },
  syncRelayFramesPerSecond: {
    env: 'ENSEMBLE_SYNC_RELAY_FRAMES_PER_SECOND',
    flag: '--sync-relay-frames-per-second',
    doc: 'Frames per second a room sends before it batches updates: a room of n sockets relays at most every n / this seconds, merged into one update. Default 20000.',
  },
  syncMaxBatchDelayMs: {
    env: 'ENSEMBLE_SYNC_MAX_BATCH_DELAY_MS',
    flag: '--sync-max-batch-delay-ms',
    doc: 'Upper bound of that batching delay, however large the room. Default 50.',
  },
  apiRequestsPerMinute: {
    env: 'ENSEMBLE_API_REQUESTS_PER_MINUTE',
    flag: '--api-requests-per-minute',
    doc: 'REST requests (`/api/v1/…`) per minute per user (per client IP without a valid token), shared by all nodes of a cluster; the whole budget may be spent at once, then it refills evenly. More are answered 429 with `Retry-After`. 0 turns the limit off. Default 1200.',
  },
  historyRetentionDays: {
    env: 'ENSEMBLE_HISTORY_RETENTION_DAYS',
    flag: '--history-retention-days',
    doc: 'Delete logged updates older than this once a snapshot covers them. Default: keep all history (time travel).',
  },
  historyCheckpointEvery: {
    env: 'ENSEMBLE_HISTORY_CHECKPOINT_EVERY',
    flag: '--history-checkpoint-every',
    doc: 'Time travel: an automatic checkpoint (a full copy of the document) after this many logged updates of a room, so going back in time replays at most about this many. Smaller costs storage (a checkpoint is as big as the document) for little speed: loading the checkpoint, not the replay, dominates. 100–100000, default 1000.',
  },
  historyCachedDocs: {
    env: 'ENSEMBLE_HISTORY_CACHED_DOCS',
    flag: '--history-cached-docs',
    doc: 'Time travel: past documents kept in memory (over all rooms of the node, each dropped after 60 s unused) so that moving forward from a point just viewed, or restoring it, is fast. A document takes roughly 15–20× its encoded size. 0 turns this off. Default 8.',
  },
  presenceIdleMs: {
    env: 'ENSEMBLE_PRESENCE_IDLE_MS',
    flag: '--presence-idle-ms',
    doc: 'Presence: a user with no edit (or typing) for this long shows as `idle` instead of `editing`. Default 60000.',
  },
  presenceAwayMs: {
    env: 'ENSEMBLE_PRESENCE_AWAY_MS',
    flag: '--presence-away-ms',
    doc: 'Presence: a user with no activity at all for this long shows as `away`, whatever status they set. Default 300000.',
  },
  presenceRemoveMs: {
    env: 'ENSEMBLE_PRESENCE_REMOVE_MS',
    flag: '--presence-remove-ms',
    doc: 'Presence: a user with no activity for this long leaves the presence list until active again. Default 1800000.',
  },
  assistantUrl: {
    env: 'ENSEMBLE_ASSISTANT_URL',
    flag: '--assistant-url',
    doc: 'Assistant: base URL of an OpenAI-compatible API (e.g. `https://api.openai.com/v1`). Questions the built-in facilitator does not recognize are answered by `POST {url}/chat/completions`, streamed. Unset: the facilitator answers everything.',
  },
  assistantKey: {
    env: 'ENSEMBLE_ASSISTANT_KEY',
    flag: '--assistant-key',
    doc: 'Assistant: API key, sent as `Authorization: Bearer …`.',
  },
  assistantModel: {
    env: 'ENSEMBLE_ASSISTANT_MODEL',
    flag: '--assistant-model',
    doc: 'Assistant: model name sent with each request. Default `gpt-4o-mini`.',
  },
  assistantTimeoutMs: {
    env: 'ENSEMBLE_ASSISTANT_TIMEOUT_MS',
    flag: '--assistant-timeout-ms',
    doc: 'Assistant: a model answer must be complete within this, or it ends with a timeout error in the thread. Default 60000.',
  },
  assistantQuestionsPerMinute: {
    env: 'ENSEMBLE_ASSISTANT_QUESTIONS_PER_MINUTE',
    flag: '--assistant-questions-per-minute',
    doc: 'Assistant: questions per minute one user may ask in one room, shared by all nodes of a cluster; more are refused with `ENSEMBLE_RATE_LIMITED`. 0 turns the limit off. Default 20.',
  },
  publishKey: {
    env: 'ENSEMBLE_PUBLISH_KEY',
    flag: '--publish-key',
    doc: 'Publish: 32-byte key (64 hex characters or base64) encrypting social account tokens at rest (AES-256-GCM). Dev mode derives one from the dev secret; production needs it to connect accounts.',
  },
  publishWorkers: {
    env: 'ENSEMBLE_PUBLISH_WORKERS',
    flag: '--publish-workers',
    doc: 'Publish: polling loops of the publish worker run inside `ensemble serve` (0 = none; run `ensemble worker` instead). Default 1.',
  },
  publishQueueSchema: {
    env: 'ENSEMBLE_PUBLISH_QUEUE_SCHEMA',
    flag: '--publish-queue-schema',
    doc: 'Publish: database schema of the pg-boss job queue. Default `pgboss`.',
  },
  publishGraphUrl: {
    env: 'ENSEMBLE_PUBLISH_GRAPH_URL',
    flag: '--publish-graph-url',
    doc: 'Publish: Facebook Graph API base URL. Default `https://graph.facebook.com`.',
  },
  catalogSyncIntervalMs: {
    env: 'ENSEMBLE_CATALOG_SYNC_INTERVAL_MS',
    flag: '--catalog-sync-interval-ms',
    doc: 'Catalog: with a Postgres `DATABASE_URL`, how often a node checks whether another node published a newer catalog build. Default 5000.',
  },
  publishInstagramUrl: {
    env: 'ENSEMBLE_PUBLISH_INSTAGRAM_URL',
    flag: '--publish-instagram-url',
    doc: 'Publish: Instagram Graph API base URL. Default: the Graph API URL.',
  },
  publishGraphVersion: {
    env: 'ENSEMBLE_PUBLISH_GRAPH_VERSION',
    flag: '--publish-graph-version',
    doc: 'Publish: Graph API version for Facebook and Instagram. Default `v23.0`.',
  },
  publishLinkedinUrl: {
    env: 'ENSEMBLE_PUBLISH_LINKEDIN_URL',
    flag: '--publish-linkedin-url',
    doc: 'Publish: LinkedIn API base URL. Default `https://api.linkedin.com`.',
  },
  publishLinkedinVersion: {
    env: 'ENSEMBLE_PUBLISH_LINKEDIN_VERSION',
    flag: '--publish-linkedin-version',
    doc: 'Publish: `LinkedIn-Version` header (YYYYMM). Default `202506`.',
  },
  publishRequestTimeoutMs: {
    env: 'ENSEMBLE_PUBLISH_REQUEST_TIMEOUT_MS',
    flag: '--publish-request-timeout-ms',
    doc: 'Publish: a platform request without an answer after this long counts as possibly done (checked before any retry). Default 15000.',
  },
  publishRetryBaseMs: {
    env: 'ENSEMBLE_PUBLISH_RETRY_BASE_MS',
    flag: '--publish-retry-base-ms',
    doc: 'Publish: wait before the 2nd attempt after a retryable failure; each later attempt doubles it (capped at 30 min, equal jitter). Default 30000.',
  },
  webDir: {
    env: 'ENSEMBLE_WEB_DIR',
    flag: '--web-dir',
    doc: 'Built web app to serve at `/`. Default: the bundled `packages/web/dist`.',
  },
} as const;

export type SettingName = keyof typeof SETTINGS;

const integer = (min: number, max: number) =>
  z.coerce
    .number({ error: `must be a whole number between ${min} and ${max}` })
    .int(`must be a whole number between ${min} and ${max}`)
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const url = (protocols: string[], what: string) =>
  z
    .string()
    .min(1)
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      { message: `must be a ${what} URL (${protocols.map((p) => `${p}//`).join(' or ')})` },
    );

export const configSchema = z
  .object({
    mode: z.enum(['dev', 'production']).default('dev'),
    host: z.string().min(1).optional(),
    port: integer(0, 65_535).default(4400),
    dataDir: z.string().min(1).default('./data'),
    databaseUrl: url(['postgres:', 'postgresql:'], 'PostgreSQL').optional(),
    redisUrl: url(['redis:', 'rediss:'], 'Redis').optional(),
    redisPrefix: z
      .string()
      .regex(/^[A-Za-z0-9:._-]{1,64}$/, 'must be 1–64 characters of A–Z, a–z, 0–9, ":", ".", "_", "-"')
      .default('ensemble:'),
    jwtSecret: z.string().min(32, 'must be at least 32 characters').optional(),
    jwksUrl: url(['http:', 'https:'], 'HTTP(S)').optional(),
    jwtIssuer: z.string().min(1).optional(),
    jwtAudience: z.string().min(1).optional(),
    logLevel: z.enum(LOG_LEVELS).default('info'),
    trustProxyHops: integer(0, 10).default(0),
    bodyLimitBytes: integer(1024, 512 * 1024 * 1024).default(1024 * 1024),
    shutdownTimeoutMs: integer(100, 10 * 60_000).default(10_000),
    readinessIntervalMs: integer(50, 60_000).default(2_000),
    syncMaxFrameBytes: integer(1024, 64 * 1024 * 1024).default(1024 * 1024),
    syncMessagesPerSecond: integer(1, 1_000_000).default(300),
    syncBytesPerSecond: integer(1024, 1024 * 1024 * 1024).default(4 * 1024 * 1024),
    syncConnectionsPerIp: integer(1, 1_000_000).default(500),
    syncMaxRooms: integer(1, 10_000_000).default(10_000),
    syncIdleUnloadMs: integer(0, 24 * 3600_000).default(30_000),
    syncRelayFramesPerSecond: integer(100, 100_000_000).default(20_000),
    syncMaxBatchDelayMs: integer(0, 1000).default(50),
    apiRequestsPerMinute: integer(0, 1_000_000).default(1_200),
    historyRetentionDays: integer(1, 100_000).optional(),
    historyCheckpointEvery: integer(100, 100_000).default(1_000),
    historyCachedDocs: integer(0, 1_000).default(8),
    presenceIdleMs: integer(100, 24 * 3600_000).default(60_000),
    presenceAwayMs: integer(100, 7 * 24 * 3600_000).default(5 * 60_000),
    presenceRemoveMs: integer(100, 30 * 24 * 3600_000).default(30 * 60_000),
    assistantUrl: url(['http:', 'https:'], 'HTTP(S)').optional(),
    assistantKey: z.string().min(1).optional(),
    assistantModel: z.string().min(1).max(200).default('gpt-4o-mini'),
    assistantTimeoutMs: integer(1_000, 10 * 60_000).default(60_000),
    assistantQuestionsPerMinute: integer(0, 10_000).default(20),
    publishKey: z.string().min(1).optional(),
    publishWorkers: integer(0, 64).default(1),
    publishQueueSchema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
      .default('pgboss'),
    publishGraphUrl: url(['http:', 'https:'], 'HTTP(S)').default('https://graph.facebook.com'),
    publishInstagramUrl: url(['http:', 'https:'], 'HTTP(S)').optional(),
    publishGraphVersion: z
      .string()
      .regex(/^v\d+\.\d+$/, 'must look like v23.0')
      .default('v23.0'),
    publishLinkedinUrl: url(['http:', 'https:'], 'HTTP(S)').default('https://api.linkedin.com'),
    publishLinkedinVersion: z
      .string()
      .regex(/^\d{6}$/, 'must be YYYYMM, e.g. 202506')
      .default('202506'),
    publishRequestTimeoutMs: integer(100, 10 * 60_000).default(15_000),
    publishRetryBaseMs: integer(10, 30 * 60_000).default(30_000),
    catalogSyncIntervalMs: integer(100, 3_600_000).default(5_000),
    webDir: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.jwtSecret && config.jwksUrl) {
      ctx.addIssue({
        code: 'custom',
        path: ['jwksUrl'],
        message: 'set either a JWT secret or a JWKS URL, not both',
      });
    }
    if (config.redisUrl && !config.databaseUrl) {
      ctx.addIssue({
        code: 'custom',
        path: ['redisUrl'],
        message:
          'cluster nodes share their documents in PostgreSQL: set DATABASE_URL together with REDIS_URL',
      });
    }
    if (config.presenceIdleMs >= config.presenceAwayMs || config.presenceAwayMs >= config.presenceRemoveMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['presenceAwayMs'],
        message: 'presence timeouts must grow: idle < away < remove',
      });
    }
    if (config.mode === 'production' && !config.jwtSecret && !config.jwksUrl) {
      ctx.addIssue({
        code: 'custom',
        path: ['jwtSecret'],
        message: 'production mode needs a key to verify tokens: set ENSEMBLE_JWT_SECRET or ENSEMBLE_JWKS_URL',
      });
    }
  })
  .transform((config) => ({
    ...config,
    host: config.host ?? (config.mode === 'production' ? '0.0.0.0' : '127.0.0.1'),
  }));

export type Config = z.output<typeof configSchema>;
export type ConfigInput = Partial<Record<SettingName, string | number | undefined>>;
