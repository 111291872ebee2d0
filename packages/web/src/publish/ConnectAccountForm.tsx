import { type FormEvent, useState } from 'react';
import { errorMessage } from '../errorMessage';
import { usePublish } from './PublishContext';
import { PLATFORMS, type Platform } from './publishApi';

const ID_HINT: Record<Platform, string> = {
  facebook: 'Page id',
  instagram: 'Instagram business user id',
  linkedin: 'Author URN, e.g. urn:li:organization:123',
};

/**
 * Connects an account with an access token from the platform's OAuth flow (pasted here until the
 * OAuth redirect flow exists). The token is encrypted at rest and never sent back.
 */
export function ConnectAccountForm() {
  const { api, clients, reloadAccounts } = usePublish();
  const [platform, setPlatform] = useState<Platform>('facebook');
  const [externalId, setExternalId] = useState('');
  const [name, setName] = useState('');
  const [accessToken, setAccessToken] = useState('');
  const [clientId, setClientId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.connectAccount({ platform, externalId, name, accessToken, clientId: clientId || null });
      setExternalId('');
      setName('');
      setAccessToken('');
      reloadAccounts();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="pub-connect" onSubmit={(e) => void submit(e)} aria-label="Connect an account">
      <h3>Connect an account</h3>
      <div className="pub-row">
        <label className="field">
          <span>Platform</span>
          <select value={platform} onChange={(e) => setPlatform(e.target.value as Platform)}>
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label className="field pub-grow">
          <span>{ID_HINT[platform]}</span>
          <input value={externalId} required onChange={(e) => setExternalId(e.target.value)} />
        </label>
      </div>
      <div className="pub-row">
        <label className="field pub-grow">
          <span>Name</span>
          <input value={name} required onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field pub-grow">
          <span>Client</span>
          <select value={clientId} onChange={(e) => setClientId(e.target.value)}>
            <option value="">— the company itself —</option>
            {clients.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        <span>Access token</span>
        <input
          type="password"
          autoComplete="off"
          value={accessToken}
          required
          onChange={(e) => setAccessToken(e.target.value)}
        />
      </label>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button button-primary" disabled={busy}>
        Connect
      </button>
    </form>
  );
}
