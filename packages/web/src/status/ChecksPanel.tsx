import type { ReadinessResponse } from '../api';
import { errorMessage } from '../errorMessage';
import { CheckRow, type CheckState } from './CheckRow';
import { formatCheckName } from './format';
import type { StatusSnapshot } from './loadStatus';

export interface ChecksPanelProps {
  snapshot: StatusSnapshot | undefined;
  /** Checks from the last readiness answer, listed as "unknown" while /readyz cannot be read. */
  lastKnownChecks: ReadinessResponse['checks'] | undefined;
}

/** Liveness, readiness and every readiness check the server reports. */
export function ChecksPanel({ snapshot, lastKnownChecks }: ChecksPanelProps) {
  const health = snapshot?.health;
  const readiness = snapshot?.readiness;
  const healthState: CheckState = !health ? 'unknown' : health.ok ? 'ok' : 'failing';
  const readyState: CheckState = !readiness
    ? 'unknown'
    : readiness.ok && readiness.value.status === 'ready'
      ? 'ok'
      : 'failing';
  const current = readiness?.ok ? readiness.value.checks : undefined;
  const checks = Object.entries(current ?? lastKnownChecks ?? {});

  return (
    <section className="card" aria-labelledby="checks-heading" data-testid="checks-panel">
      <h2 id="checks-heading">Health checks</h2>
      <ul className="checks">
        <CheckRow
          id="liveness"
          label="Liveness (/healthz)"
          state={healthState}
          detail={health && !health.ok ? errorMessage(health.error) : undefined}
        />
        <CheckRow
          id="readiness"
          label="Readiness (/readyz)"
          state={readyState}
          detail={readiness && !readiness.ok ? errorMessage(readiness.error) : undefined}
        />
        {checks.map(([name, check]) => (
          <CheckRow
            key={name}
            id={name}
            label={formatCheckName(name)}
            state={!current ? 'unknown' : check.ok ? 'ok' : 'failing'}
            detail={!current || check.ok ? undefined : (check.error ?? 'Check failed')}
          />
        ))}
      </ul>
    </section>
  );
}
