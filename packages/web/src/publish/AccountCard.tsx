import { useState } from 'react';
import { errorMessage } from '../errorMessage';
import { usePublish } from './PublishContext';
import type { Account } from './publishApi';

/** An account's health at a glance, with disconnect for admins. */
export function AccountCard({ account, canManage }: { account: Account; canManage: boolean }) {
  const { api, reloadAccounts, postsChanged } = usePublish();
  const [error, setError] = useState<string | null>(null);
  const state = !account.connected
    ? 'disconnected'
    : account.status === 'needs_reauth'
      ? 'needs reconnecting'
      : 'connected';
  const disconnect = async () => {
    if (!window.confirm(`Disconnect ${account.name}? Its scheduled posts will fail.`)) return;
    try {
      await api.disconnectAccount(account.id);
      reloadAccounts();
      postsChanged();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <li className="pub-account" data-testid="account">
      <div>
        <strong>{account.name}</strong> <span className="muted">· {account.platform}</span>
        <div className="muted pub-small mono">{account.externalId}</div>
        {account.statusReason && account.status === 'needs_reauth' ? (
          <div className="pub-error-line pub-small">{account.statusReason}</div>
        ) : null}
        {account.backoffUntil && Date.parse(account.backoffUntil) > Date.now() ? (
          <div className="muted pub-small">
            Rate limited until {new Date(account.backoffUntil).toLocaleString()}
          </div>
        ) : null}
        {error ? <div className="form-error">{error}</div> : null}
      </div>
      <span className={`pub-account-state pub-account-${state.replace(' ', '-')}`}>{state}</span>
      {canManage && account.connected ? (
        <button type="button" className="button button-ghost" onClick={() => void disconnect()}>
          Disconnect
        </button>
      ) : null}
    </li>
  );
}
