export type CheckState = 'ok' | 'failing' | 'unknown';

export interface CheckRowProps {
  /** Becomes `data-testid="check-<id>"`. */
  id: string;
  label: string;
  state: CheckState;
  detail?: string | undefined;
}

const STATE_TEXT: Record<CheckState, string> = { ok: 'OK', failing: 'Failing', unknown: 'Unknown' };

export function CheckRow({ id, label, state, detail }: CheckRowProps) {
  return (
    <li className={`check check-${state}`} data-testid={`check-${id}`} data-state={state}>
      <span className="check-icon" aria-hidden="true" />
      <span className="check-label">{label}</span>
      <span className="check-state" data-testid={`check-${id}-state`}>
        {STATE_TEXT[state]}
      </span>
      {detail ? <span className="check-detail">{detail}</span> : null}
    </li>
  );
}
