import type { Account, Client } from './publishApi';

/** Check one or more connected accounts; one post is scheduled per account. */
export function AccountPicker({
  accounts,
  clients,
  selected,
  onChange,
}: {
  accounts: Account[];
  clients: Client[];
  selected: string[];
  onChange: (ids: string[]) => void;
}) {
  const usable = accounts.filter((a) => a.connected && a.status === 'connected');
  const clientName = (id: string | null) => clients.find((c) => c.id === id)?.name;
  if (usable.length === 0) {
    return <p className="muted">No connected account yet: connect one under Accounts.</p>;
  }
  return (
    <fieldset className="pub-fieldset">
      <legend>Accounts</legend>
      {usable.map((a) => (
        <label key={a.id} className="pub-check">
          <input
            type="checkbox"
            checked={selected.includes(a.id)}
            onChange={(e) =>
              onChange(e.target.checked ? [...selected, a.id] : selected.filter((id) => id !== a.id))
            }
          />
          <span>
            {a.name} <span className="muted">· {a.platform}</span>
            {a.clientId ? <span className="muted"> · {clientName(a.clientId)}</span> : null}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
