import {
  getHealth,
  getInfo,
  getReadiness,
  type HealthResponse,
  type ReadinessResponse,
  type ServerInfo,
} from '../api';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface StatusSnapshot {
  health: Outcome<HealthResponse>;
  readiness: Outcome<ReadinessResponse>;
  info: Outcome<ServerInfo>;
}

function toOutcome<T>(result: PromiseSettledResult<T>): Outcome<T> {
  return result.status === 'fulfilled'
    ? { ok: true, value: result.value }
    : { ok: false, error: result.reason };
}

/** Asks `/healthz`, `/readyz` and `/api/v1/info` in parallel; each answer stands on its own. */
export async function loadStatus(signal: AbortSignal): Promise<StatusSnapshot> {
  const [health, readiness, info] = await Promise.allSettled([
    getHealth(signal),
    getReadiness(signal),
    getInfo(signal),
  ]);
  return { health: toOutcome(health), readiness: toOutcome(readiness), info: toOutcome(info) };
}
