import type { AttemptEvent } from './publishApi';

const EVENT_LABELS: Record<string, string> = {
  started: 'Attempt started',
  published: 'Published',
  found_existing: 'Found already published (no re-post)',
  retry: 'Will retry',
  failed: 'Failed',
  unconfirmed: 'Unconfirmed',
  abandoned: 'Worker stopped mid-attempt',
  deferred: 'Deferred (account rate limit)',
};

/** The append-only attempt log of a post, with the platform's reasons. */
export function AttemptHistory({ events }: { events: AttemptEvent[] }) {
  if (events.length === 0) return <p className="muted">No attempts yet.</p>;
  return (
    <ol className="pub-attempts" data-testid="attempt-history">
      {events.map((e) => (
        <li key={e.id} className={`pub-attempt pub-attempt-${e.event}`}>
          <div>
            <strong>{EVENT_LABELS[e.event] ?? e.event}</strong>{' '}
            <span className="muted pub-small">
              #{e.attempt} · {new Date(e.at).toLocaleString()}
            </span>
          </div>
          {e.message ? <div className="pub-small">{e.message}</div> : null}
          {e.errorCode || e.httpStatus ? (
            <div className="muted pub-small mono">
              {[e.errorClass, e.errorCode, e.httpStatus ? `HTTP ${e.httpStatus}` : null]
                .filter(Boolean)
                .join(' · ')}
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
