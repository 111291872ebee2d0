import type { OverallState } from './summarize';

const TEXT: Record<OverallState, { title: string; body: string }> = {
  checking: { title: 'Checking…', body: 'Asking the server how it is doing.' },
  ok: {
    title: 'All systems operational',
    body: 'The server is live, the database is reachable and migrated.',
  },
  degraded: { title: 'The server is not ready', body: 'It answers, but at least one check is failing.' },
  unreachable: {
    title: 'Server unreachable',
    body: 'The browser cannot reach the Ensemble server. Is it running? We keep retrying every 5 seconds.',
  },
};

export function StatusSummary({ state }: { state: OverallState }) {
  const { title, body } = TEXT[state];
  const urgent = state === 'unreachable' || state === 'degraded';
  return (
    <div
      className={`status-summary status-${state}`}
      data-testid="status-summary"
      data-state={state}
      role={urgent ? 'alert' : 'status'}
    >
      <span className="status-summary-icon" aria-hidden="true" />
      <div>
        <strong>{title}</strong>
        <p>{body}</p>
      </div>
    </div>
  );
}
