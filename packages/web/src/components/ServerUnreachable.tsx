import { Link } from 'react-router';

export interface ServerUnreachableProps {
  message: string;
  onRetry: () => void;
}

export function ServerUnreachable({ message, onRetry }: ServerUnreachableProps) {
  return (
    <div className="card card-error" role="alert" data-testid="server-unreachable">
      <h2>Cannot reach the Ensemble server</h2>
      <p>{message}</p>
      <p className="muted">We will keep trying every few seconds.</p>
      <div className="actions">
        <button type="button" className="button" onClick={onRetry}>
          Try again now
        </button>
        <Link to="/status" className="button button-ghost">
          Open status
        </Link>
      </div>
    </div>
  );
}
