import { errorMessage } from '../errorMessage';
import { AccountCard } from './AccountCard';
import { AddClientForm } from './AddClientForm';
import { ConnectAccountForm } from './ConnectAccountForm';
import { usePublish } from './PublishContext';

/** The company, its agency clients, and the social accounts each one posts to. */
export function AccountsView() {
  const { company, accounts, clients, accountsError } = usePublish();
  const canManage = company.role === 'admin' || company.role === 'owner';
  const own = accounts.filter((a) => !a.clientId);
  return (
    <section className="pub-accounts" aria-label="Accounts">
      {accountsError ? <p className="form-error">{errorMessage(accountsError)}</p> : null}
      <div className="card">
        <h2>{company.name}</h2>
        <p className="muted pub-small">Your role: {company.role}</p>
        <ul className="pub-account-list">
          {own.map((a) => (
            <AccountCard key={a.id} account={a} canManage={canManage} />
          ))}
          {own.length === 0 ? <li className="muted">No accounts of the company itself.</li> : null}
        </ul>
      </div>
      {clients.map((client) => (
        <div key={client.id} className="card">
          <h2>
            {client.name} <span className="muted pub-small">client</span>
          </h2>
          <ul className="pub-account-list">
            {client.accounts.map((a) => (
              <AccountCard key={a.id} account={a} canManage={canManage} />
            ))}
            {client.accounts.length === 0 ? <li className="muted">No accounts yet.</li> : null}
          </ul>
        </div>
      ))}
      {canManage ? (
        <div className="card">
          <AddClientForm />
          <ConnectAccountForm />
        </div>
      ) : (
        <p className="muted">Only admins and owners connect accounts and add clients.</p>
      )}
    </section>
  );
}
