import type { RoomStatus } from '@ensemble/client';
import type { SessionUser } from '../api';
import { avatars, initials, MAX_CURSORS, type Peer } from './logic/peers';

const STATUS_LABEL = { editing: 'editing', idle: 'idle', running: 'running', away: 'away' } as const;
const MAX_AVATARS = 8;

/** Avatars of everyone here with their status; a summary when there are many. */
export function PresenceBar({
  me,
  peers,
  hiddenCursors,
}: {
  me: SessionUser;
  peers: Peer[];
  hiddenCursors: number;
}) {
  const people = avatars(peers);
  const shown = people.slice(0, MAX_AVATARS);
  const more = people.length - shown.length;
  return (
    <div className="st-presence" data-testid="presence">
      <ul className="st-avatars" aria-label="People in this room">
        <li className="st-avatar" style={{ background: me.color }} title={`${me.name} (you)`}>
          {initials(me.name)}
          <span className="visually-hidden">{me.name} (you)</span>
        </li>
        {shown.map((p) => (
          <li
            key={p.userId}
            className={`st-avatar st-status-${p.status}`}
            style={{ background: p.color }}
            title={`${p.name} — ${STATUS_LABEL[p.status]}`}
            data-testid="avatar"
            data-user={p.name}
            data-status={p.status}
          >
            {initials(p.name)}
            <span className="st-status-dot" aria-hidden="true" />
            <span className="visually-hidden">
              {p.name}, {STATUS_LABEL[p.status]}
            </span>
          </li>
        ))}
        {more > 0 && <li className="st-avatar st-avatar-more">+{more}</li>}
      </ul>
      {hiddenCursors > 0 && (
        <span className="st-cursor-summary" role="status">
          {MAX_CURSORS} cursors shown, {hiddenCursors} more not drawn
        </span>
      )}
    </div>
  );
}

const BADGE: Record<RoomStatus, { text: string; tone: string }> = {
  connecting: { text: 'Connecting…', tone: 'warn' },
  connected: { text: 'Syncing…', tone: 'warn' },
  synced: { text: 'Saving…', tone: 'info' },
  saved: { text: 'Saved', tone: 'ok' },
  offline: { text: 'Offline — edits will sync when you reconnect', tone: 'danger' },
};

/** Where my edits are: saving, saved, or queued while offline. */
export function ConnectionBadge({ status }: { status: RoomStatus }) {
  const badge = BADGE[status];
  return (
    <span
      className={`st-badge st-badge-${badge.tone}`}
      role="status"
      data-testid="connection-badge"
      data-status={status}
    >
      <span className="st-badge-dot" aria-hidden="true" />
      {badge.text}
    </span>
  );
}
