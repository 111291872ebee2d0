import { Counter, Gauge, type Registry } from 'prom-client';

/** Prometheus series of the cluster link (see docs/operations.md, "Metrics to watch"). */
export interface ClusterMetrics {
  frames: Counter<'direction' | 'kind'>;
  gaps: Counter;
  resyncs: Counter<'reason'>;
  linkedRooms: Gauge;
}

const cache = new WeakMap<Registry, ClusterMetrics>();

export function clusterMetrics(registry: Registry): ClusterMetrics {
  const existing = cache.get(registry);
  if (existing) return existing;
  const registers = [registry];
  const metrics: ClusterMetrics = {
    frames: new Counter({
      name: 'ensemble_cluster_frames_total',
      help: 'Frames exchanged with other nodes through Redis, by direction and kind',
      labelNames: ['direction', 'kind'],
      registers,
    }),
    gaps: new Counter({
      name: 'ensemble_cluster_gaps_total',
      help: 'Sequence gaps seen on room channels (frames Redis dropped)',
      registers,
    }),
    resyncs: new Counter({
      name: 'ensemble_cluster_resyncs_total',
      help: 'Room re-syncs from Postgres, by reason (gap, gap-timeout, settle, reconnect, retry)',
      labelNames: ['reason'],
      registers,
    }),
    linkedRooms: new Gauge({
      name: 'ensemble_cluster_rooms_linked',
      help: 'Rooms this node is subscribed to',
      registers,
    }),
  };
  cache.set(registry, metrics);
  return metrics;
}
