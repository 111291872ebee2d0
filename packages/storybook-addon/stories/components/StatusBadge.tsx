export type Status = 'editing' | 'idle' | 'running' | 'away';

export interface StatusBadgeProps {
  name: string;
  status: Status;
  /** Unread messages; hidden at 0. */
  unread: number;
}

const COLORS: Record<Status, string> = {
  editing: '#46a758',
  idle: '#ffc53d',
  running: '#0090ff',
  away: '#8b8d98',
};

/** A presence badge like the Studio's avatars: name, status dot, unread count. */
export function StatusBadge({ name, status, unread }: StatusBadgeProps) {
  return (
    <span
      data-testid="demo-badge"
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: 8,
        padding: '6px 12px',
        borderRadius: 999,
        border: '1px solid #ddd',
        font: '14px system-ui, sans-serif',
      }}
    >
      <span style={{ width: 10, height: 10, borderRadius: '50%', background: COLORS[status] }} />
      <strong>{name}</strong>
      <span style={{ opacity: 0.7 }}>{status}</span>
      {unread > 0 ? (
        <span
          title={`${unread} unread`}
          style={{ background: '#e5484d', color: '#fff', borderRadius: 999, padding: '0 7px', fontSize: 12 }}
        >
          {unread}
        </span>
      ) : null}
    </span>
  );
}
