import { type FormEvent, useCallback, useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { request } from '../api';
import { errorMessage } from '../errorMessage';
import { useSession } from '../SessionContext';
import { usePolling } from '../usePolling';
import { normalizeRoomName } from './logic/roomName';

interface StudioRoomInfo {
  room: string;
  name: string;
  members: { userId: string; name: string; connections: number }[];
  updates: number;
  lastEditAt: string | null;
}

/** Studio rooms: create one, open one, and see who is inside (refreshed every 5 s). */
export function RoomList() {
  const { session } = useSession();
  const token = session?.token ?? '';
  const navigate = useNavigate();
  const inputId = useId();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    (signal: AbortSignal) => request<{ rooms: StudioRoomInfo[] }>('/api/v1/studio/rooms', { token, signal }),
    [token],
  );
  const { data, error: loadError, loading } = usePolling(load, 5_000);

  const create = (e: FormEvent) => {
    e.preventDefault();
    const result = normalizeRoomName(draft);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    navigate(`/studio/${result.name}`);
  };

  return (
    <div className="st-rooms">
      <form className="card st-create" onSubmit={create} aria-label="Create or open a room">
        <label htmlFor={inputId}>Room name</label>
        <div className="st-create-row">
          <input
            id={inputId}
            value={draft}
            placeholder="e.g. level-1"
            aria-invalid={error !== null}
            aria-describedby={error ? `${inputId}-error` : undefined}
            onChange={(e) => {
              setDraft(e.target.value);
              setError(null);
            }}
          />
          <button type="submit" className="button button-primary" data-testid="create-room">
            Create or open
          </button>
        </div>
        {error && (
          <p id={`${inputId}-error`} className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
      {loadError !== undefined && (
        <p className="form-error">Could not load rooms: {errorMessage(loadError)}</p>
      )}
      {loading && !data && <p className="loading">Loading rooms…</p>}
      {data && data.rooms.length === 0 && (
        <p className="muted">No Studio rooms yet: create the first one above.</p>
      )}
      {data && data.rooms.length > 0 && (
        <ul className="st-room-list" aria-label="Studio rooms">
          {data.rooms.map((r) => (
            <li key={r.room} className="card st-room" data-testid="studio-room">
              <Link to={`/studio/${encodeURIComponent(r.name)}`} className="st-room-name">
                {r.name}
              </Link>
              <span className="muted">
                {r.updates} change{r.updates === 1 ? '' : 's'}
                {r.lastEditAt && ` · last edit ${new Date(r.lastEditAt).toLocaleString()}`}
              </span>
              <span className="st-room-members" data-testid="room-members">
                {r.members.length === 0
                  ? 'Nobody inside'
                  : `Inside: ${r.members.map((m) => m.name).join(', ')}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
