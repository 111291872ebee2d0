import { isNetworkError } from '../api';
import type { StatusSnapshot } from './loadStatus';

export type OverallState = 'checking' | 'ok' | 'degraded' | 'unreachable';

/** One word for the whole server: reachable and ready, reachable but not ready, or gone. */
export function summarize(snapshot: StatusSnapshot | undefined): OverallState {
  if (!snapshot) return 'checking';
  const { health, readiness, info } = snapshot;
  const outcomes = [health, readiness, info];
  if (outcomes.every((outcome) => !outcome.ok && isNetworkError(outcome.error))) return 'unreachable';
  const healthy = health.ok && health.value.status === 'ok';
  const ready = readiness.ok && readiness.value.status === 'ready';
  return healthy && ready && info.ok ? 'ok' : 'degraded';
}
