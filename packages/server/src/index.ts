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
// Sync engine: rooms, y-websocket protocol, awareness relay, durable update log, limits.
export type { SyncLimits } from './limits/limits.js';
export { DEFAULT_SYNC_LIMITS } from './limits/limits.js';
// Metrics: the Prometheus series the sync engine fills; the app exposes them at /metrics.
export type { SyncMetrics } from './metrics.js';
export { syncMetrics } from './metrics.js';
export type { Checkpoint, HistoryPoint, HistoryStore } from './persistence/history-store.js';
export { MemoryUpdateStore } from './persistence/memory-update-store.js';
export { PgHistoryStore } from './persistence/pg-history-store.js';
export { PgUpdateStore } from './persistence/pg-update-store.js';
export type { LogRecord, StoredRoom, UpdateEntry, UpdateStore } from './persistence/update-store.js';
export { docToJson } from './rooms/doc-json.js';
export type { ApplyResult } from './rooms/room.js';
export { replayDelays } from './services/history/pacing.js';
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
export type { EngineLogger, JoinInfo, RoomInfo, SyncEngine, SyncEngineOptions } from './sync/sync-engine.js';
export { createSyncEngine } from './sync/sync-engine.js';
