import type { ServerInfo } from '../api';
import { errorMessage } from '../errorMessage';
import { formatDatabase, formatDateTime, formatUptime } from './format';
import type { Outcome } from './loadStatus';

export interface InfoPanelProps {
  info: Outcome<ServerInfo> | undefined;
  /** The last answer that succeeded, kept on screen (dimmed) while the server is failing. */
  lastKnown: ServerInfo | undefined;
}

/** Version, mode, database and uptime from `GET /api/v1/info`. */
export function InfoPanel({ info, lastKnown }: InfoPanelProps) {
  const current = info?.ok ? info.value : lastKnown;
  const stale = info !== undefined && !info.ok;
  const rows: [id: string, label: string, value: string][] = current
    ? [
        ['version', 'Version', current.version],
        ['mode', 'Mode', current.mode === 'dev' ? 'Dev mode' : 'Production'],
        ['database', 'Database', formatDatabase(current.database)],
        ['uptime', 'Uptime', formatUptime(current.uptimeSeconds)],
        ['started', 'Started', formatDateTime(current.startedAt)],
      ]
    : [];

  return (
    <section className="card" aria-labelledby="info-heading" data-testid="info-panel">
      <h2 id="info-heading">Server</h2>
      {stale ? (
        <p className="form-error info-error" data-testid="info-error">
          {errorMessage(info.error)}
          {current ? ' Showing the last known values.' : null}
        </p>
      ) : null}
      {current ? (
        <dl className={stale ? 'info-list stale' : 'info-list'}>
          {rows.map(([id, label, value]) => (
            <div key={id} className="info-row">
              <dt>{label}</dt>
              <dd data-testid={`info-${id}`}>{value}</dd>
            </div>
          ))}
        </dl>
      ) : stale ? null : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}
