import type { SyncLimits } from '../limits/limits.js';
import type { SyncMetrics } from '../metrics.js';
import type { RoomManager } from '../rooms/room-manager.js';
import type { Connection } from './connection.js';

/** What a connection needs from the engine that owns it. */
export interface EngineContext {
  limits: SyncLimits;
  rooms: RoomManager;
  metrics: SyncMetrics | undefined;
  onError: (error: unknown, context: string) => void;
  nextConnectionId: () => string;
  forget: (connection: Connection) => void;
}
