import { type FormEvent, useState } from 'react';
import { errorMessage } from '../errorMessage';
import { usePublish } from './PublishContext';

/** Adds an agency client (a customer whose accounts the company posts for). */
export function AddClientForm() {
  const { api, reloadAccounts } = usePublish();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await api.addClient(name);
      setName('');
      reloadAccounts();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <form className="pub-row" onSubmit={(e) => void submit(e)} aria-label="Add a client">
      <input placeholder="Client name" value={name} required onChange={(e) => setName(e.target.value)} />
      <button type="submit" className="button">
        Add client
      </button>
      {error ? <span className="form-error">{error}</span> : null}
    </form>
  );
}
