/** Per-node and per-socket limits of the sync engine; defaults are documented in docs/configuration.md. */
export interface SyncLimits {
  /** Largest frame after the initial sync. */
  maxFrameBytes: number;
  /** Largest frame for the first SyncStep2 a client sends (its offline edits can be large). */
  maxInitialSyncBytes: number;
  /** Messages per second per socket (token bucket; burst = 2×). */
  messagesPerSecond: number;
  /** Bytes per second per socket (token bucket; burst = 4×). */
  bytesPerSecond: number;
  /** Open sync sockets per client IP. */
  connectionsPerIp: number;
  /** Rooms loaded at once on this node. */
  maxRooms: number;
  /** Messages a socket may send while its room is still loading. */
  maxBufferedMessages: number;
  /** A room with no sockets for this long is flushed and unloaded. */
  idleUnloadMs: number;
  /** Ping interval; a socket that missed one pong is dropped (≤ 2× this). */
  pingIntervalMs: number;
  /** Group-commit window of the update log. */
  commitDelayMs: number;
  /**
   * Document updates a room relays are batched so that the room sends at most about this many frames
   * per second in total: a room of n sockets flushes at most every n / this seconds (SPEC 3.3a).
   */
  relayFramesPerSecond: number;
  /** Upper bound of that batching delay, however large the room. */
  maxBatchDelayMs: number;
  /** Awareness relay window: at most one relay per client per this many ms. */
  awarenessIntervalMs: number;
  /** Awareness states not renewed for this long are removed (y-protocols renews every 15 s). */
  awarenessTimeoutMs: number;
  /** Take a snapshot after this many logged updates. */
  snapshotEvery: number;
  /** Delete logged updates older than this once a snapshot covers them; undefined keeps all history. */
  historyRetentionMs: number | undefined;
  /** Time travel: an automatic checkpoint (a full document state) after this many logged updates. */
  historyCheckpointEvery: number;
  /** Time travel: past documents kept decoded for the next nearby request, over all rooms (0: none). */
  historyCachedDocs: number;
}

export const DEFAULT_SYNC_LIMITS: SyncLimits = {
  maxFrameBytes: 1024 * 1024,
  maxInitialSyncBytes: 32 * 1024 * 1024,
  messagesPerSecond: 300,
  bytesPerSecond: 4 * 1024 * 1024,
  connectionsPerIp: 500,
  maxRooms: 10_000,
  maxBufferedMessages: 200,
  idleUnloadMs: 30_000,
  pingIntervalMs: 15_000,
  commitDelayMs: 4,
  relayFramesPerSecond: 20_000,
  maxBatchDelayMs: 50,
  awarenessIntervalMs: 33,
  awarenessTimeoutMs: 30_000,
  snapshotEvery: 1_000,
  historyRetentionMs: undefined,
  historyCheckpointEvery: 1_000,
  historyCachedDocs: 8,
};
