/** @ensemble/server — the realtime engine as a library. */

// Auth: token claims, verification, room grants, token sources, minting.
export type {
  EnsembleClaims,
  EnsembleClaimsInput,
  Principal,
  PrincipalUser,
  Role,
  RoomGrant,
  TenantMembership,
  TenantRole,
} from './auth/claims.js';
export { claimsSchema, principalFromClaims, ROLES, TENANT_ROLES } from './auth/claims.js';
export type { MintedToken, MintTokenOptions } from './auth/mint.js';
export { DEFAULT_TOKEN_TTL_SECONDS, mintToken } from './auth/mint.js';
export type { Action } from './auth/room-grants.js';
export { can, compareRoles, hasRole, matchesRoomPattern, roleForRoom } from './auth/room-grants.js';
export type { TokenSource } from './auth/token-source.js';
export { acceptedSubprotocol, extractToken, TOKEN_SUBPROTOCOL } from './auth/token-source.js';
export type { TokenVerifier, TokenVerifierOptions } from './auth/verifier.js';
export { createTokenVerifier, JWKS_ALGORITHMS, SECRET_ALGORITHMS } from './auth/verifier.js';
// Scale-out: rooms fan out through Redis, locks are held in Redis, repairs come from the store.
export type { ClusterBus } from './cluster/bus.js';
export { MemoryBus, MemoryHub } from './cluster/bus.js';
export type { ClusterLogger, ClusterOptions } from './cluster/cluster.js';
export { Cluster } from './cluster/cluster.js';
export type { ClusterMetrics } from './cluster/metrics.js';
export { clusterMetrics } from './cluster/metrics.js';
export { RedisBus } from './cluster/redis-bus.js';
export type { RedisLockStoreOptions } from './cluster/redis-lock-store.js';
export { RedisLockStore } from './cluster/redis-lock-store.js';
export type { LinkTimings } from './cluster/room-link.js';
// Sync engine: rooms, y-websocket protocol, awareness relay, durable update log, limits.
export type { SyncLimits } from './limits/limits.js';
export { DEFAULT_SYNC_LIMITS } from './limits/limits.js';
// Rate limits and concurrency caps: in memory on one node, in Redis across a cluster.
export type { MemoryRateLimiterOptions } from './limits/memory-rate-limiter.js';
export { MemoryRateLimiter } from './limits/memory-rate-limiter.js';
export type { RateLimitMetrics } from './limits/rate-limit-metrics.js';
export { rateLimitMetrics } from './limits/rate-limit-metrics.js';
export type { Lease, RateDecision, RateLimiter, RateRule } from './limits/rate-limiter.js';
export { rateRule } from './limits/rate-limiter.js';
export type { RedisRateLimiterOptions } from './limits/redis-rate-limiter.js';
export { RedisRateLimiter } from './limits/redis-rate-limiter.js';
// Metrics: the Prometheus series the sync engine fills; the app exposes them at /metrics.
export type { SyncMetrics } from './metrics.js';
export { syncMetrics } from './metrics.js';
// Stores and room services (locks, events, history, chat, presence, activity, assistant…).
export type {
  ActivityBatchStore,
  ActivityCount,
  ActivityEntry,
  ActivityQuery,
  ActivityStore,
  RoomActivity,
} from './persistence/activity-store.js';
export { MemoryActivityStore } from './persistence/activity-store.js';
export type { ActivityWriterOptions } from './persistence/activity-writer.js';
export { ACTIVITY_WRITER_DEFAULTS, ActivityWriter } from './persistence/activity-writer.js';
export type { AssistantExchange, AssistantStore, ThreadQuery } from './persistence/assistant-store.js';
export { MemoryAssistantStore } from './persistence/assistant-store.js';
export type {
  ChatAnchor,
  ChatMessage,
  ChatReaction,
  ChatStats,
  ChatStore,
  ReadReceipt,
} from './persistence/chat-store.js';
export type {
  Checkpoint,
  CheckpointSpan,
  HistoryPoint,
  HistoryStore,
  NewCheckpoint,
  ReplayChunk,
} from './persistence/history-store.js';
export { MemoryUpdateStore } from './persistence/memory-update-store.js';
export { PgActivityStore } from './persistence/pg-activity-store.js';
export { PgAssistantStore } from './persistence/pg-assistant-store.js';
export { PgChatStore } from './persistence/pg-chat-store.js';
export { PgHistoryStore } from './persistence/pg-history-store.js';
export { PgUpdateStore } from './persistence/pg-update-store.js';
export type { LogRecord, StoredRoom, UpdateEntry, UpdateStore } from './persistence/update-store.js';
export { docToJson } from './rooms/doc-json.js';
export type { ApplyResult } from './rooms/room.js';
export type { ActivityOptions } from './services/activity/activity-service.js';
export { ACTIVITY_DEFAULTS, ActivityService } from './services/activity/activity-service.js';
export type { ActivitySummary, UserActivitySummary } from './services/activity/summary.js';
export { formatWindow } from './services/activity/summary.js';
export type {
  Answerer,
  AnswerRequest,
  ChangesSince,
  KeyChange,
  KeyHistory,
  Person,
  RoomFacts,
} from './services/assistant/answerer.js';
export { AnswerError } from './services/assistant/answerer.js';
export type { AssistantOptions } from './services/assistant/assistant-service.js';
export { AssistantService, MAX_QUESTION_CHARS } from './services/assistant/assistant-service.js';
export { Facilitator, facilitate } from './services/assistant/facilitator.js';
export type { OpenAiOptions } from './services/assistant/openai-answerer.js';
export { OpenAiAnswerer } from './services/assistant/openai-answerer.js';
export type { AnchorRange } from './services/chat/anchors.js';
export type { ChatServiceOptions, TypingUser } from './services/chat/chat-service.js';
export { ChatService, chatService, TYPING_TTL_MS } from './services/chat/chat-service.js';
export type { ChatExport, ExportFormat } from './services/chat/export.js';
export { MAX_TEXT_CHARS } from './services/chat/params.js';
export { replayDelays } from './services/history/pacing.js';
export type { LockStore } from './services/locks/lock-store.js';
export { SharedLockService } from './services/locks/shared-lock-service.js';
export type { PresenceOptions, PresenceUser } from './services/presence/presence-service.js';
export { PresenceService } from './services/presence/presence-service.js';
export type { PresenceStatus, PresenceTimings } from './services/presence/status.js';
export { DEFAULT_PRESENCE_TIMINGS, PRESENCE_STATUSES } from './services/presence/status.js';
export type {
  ActivityInput,
  ActivitySink,
  ChatLine,
  ChatReader,
  RoomService,
  ServiceCaller,
  ServiceContext,
  ServiceFactory,
  UpdateAuthor,
} from './services/service.js';
export {
  MAX_CONSOLE_LINES,
  STUDIO_ROOTS,
  StudioService,
  studioService,
} from './services/studio/studio-service.js';
export type { EngineLogger, JoinInfo, RoomInfo, SyncEngine, SyncEngineOptions } from './sync/sync-engine.js';
export { createSyncEngine } from './sync/sync-engine.js';
