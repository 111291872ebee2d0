import { ChecksPanel } from '../status/ChecksPanel';
import { InfoPanel } from '../status/InfoPanel';
import { loadStatus } from '../status/loadStatus';
import { StatusSummary } from '../status/StatusSummary';
import { summarize } from '../status/summarize';
import { useLastDefined } from '../useLastDefined';
import { usePolling } from '../usePolling';

const REFRESH_MS = 5_000;

/** Live health of the server: `/healthz`, `/readyz` and `/api/v1/info`, refreshed every 5 s. */
export function StatusPage() {
  const { data: snapshot, updatedAt, refresh } = usePolling(loadStatus, REFRESH_MS);
  const lastKnownInfo = useLastDefined(snapshot?.info.ok ? snapshot.info.value : undefined);
  const lastKnownChecks = useLastDefined(
    snapshot?.readiness.ok ? snapshot.readiness.value.checks : undefined,
  );

  return (
    <div className="page" data-testid="status-page">
      <title>Status · Ensemble</title>
      <header className="page-header page-header-row">
        <div>
          <h1>Status</h1>
          <p className="page-lede">Live health of this Ensemble server, refreshed every 5 seconds.</p>
        </div>
        <div className="page-actions">
          <span className="muted" data-testid="status-updated" aria-live="off">
            {updatedAt ? `Checked ${updatedAt.toLocaleTimeString()}` : 'Checking…'}
          </span>
          <button type="button" className="button" onClick={refresh} data-testid="status-refresh">
            Refresh
          </button>
        </div>
      </header>
      <StatusSummary state={summarize(snapshot)} />
      <div className="status-grid">
        <ChecksPanel snapshot={snapshot} lastKnownChecks={lastKnownChecks} />
        <InfoPanel info={snapshot?.info} lastKnown={lastKnownInfo} />
      </div>
    </div>
  );
}
