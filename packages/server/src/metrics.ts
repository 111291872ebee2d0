import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * The sync engine's Prometheus series. The app owns the registry (and exposes /metrics); the engine
 * only increments these. Created once per registry so several engines in one process (tests) share them.
 */
export interface SyncMetrics {
  roomsActive: Gauge;
  connectionsActive: Gauge;
  messagesReceived: Counter<'type'>;
  messagesSent: Counter<'type'>;
  bytesReceived: Counter;
  bytesSent: Counter;
  /** Initial-sync frames above the frame limit: each holds one value that cannot be split (SPEC 3.7). */
  framesOverLimit: Counter;
  updatesApplied: Counter;
  updatesRejected: Counter<'reason'>;
  connectionsRejected: Counter<'reason'>;
  saveLatency: Histogram;
  commitLatency: Histogram;
  roomLoadSeconds: Histogram;
}

const cache = new WeakMap<Registry, SyncMetrics>();

export function syncMetrics(registry: Registry): SyncMetrics {
  const existing = cache.get(registry);
  if (existing) return existing;
  const registers = [registry];
  const metrics: SyncMetrics = {
    roomsActive: new Gauge({ name: 'ensemble_rooms_active', help: 'Rooms loaded in memory', registers }),
    connectionsActive: new Gauge({
      name: 'ensemble_connections_active',
      help: 'Open sync WebSocket connections',
      registers,
    }),
    messagesReceived: new Counter({
      name: 'ensemble_messages_received_total',
      help: 'Sync messages received, by message type',
      labelNames: ['type'],
      registers,
    }),
    messagesSent: new Counter({
      name: 'ensemble_messages_sent_total',
      help: 'Sync messages sent, by message type',
      labelNames: ['type'],
      registers,
    }),
    bytesReceived: new Counter({
      name: 'ensemble_sync_bytes_received_total',
      help: 'Sync bytes received',
      registers,
    }),
    bytesSent: new Counter({ name: 'ensemble_sync_bytes_sent_total', help: 'Sync bytes sent', registers }),
    framesOverLimit: new Counter({
      name: 'ensemble_sync_frames_over_limit_total',
      help: 'Initial-sync frames sent above the frame limit (one value too large to split)',
      registers,
    }),
    updatesApplied: new Counter({
      name: 'ensemble_updates_applied_total',
      help: 'Document updates accepted',
      registers,
    }),
    updatesRejected: new Counter({
      name: 'ensemble_updates_rejected_total',
      help: 'Document updates refused, by reason',
      labelNames: ['reason'],
      registers,
    }),
    connectionsRejected: new Counter({
      name: 'ensemble_connections_rejected_total',
      help: 'Sync connections refused before or at upgrade, by reason',
      labelNames: ['reason'],
      registers,
    }),
    saveLatency: new Histogram({
      name: 'ensemble_update_save_seconds',
      help: 'Time from accepting an update to it being durably saved',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    }),
    commitLatency: new Histogram({
      name: 'ensemble_update_log_commit_seconds',
      help: 'Duration of one group commit of the update log',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    roomLoadSeconds: new Histogram({
      name: 'ensemble_room_load_seconds',
      help: 'Time to load a room from storage',
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
  };
  cache.set(registry, metrics);
  return metrics;
}
