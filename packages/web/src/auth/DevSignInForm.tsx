import { type FormEvent, useId, useState } from 'react';
import { createDevToken } from '../api';
import { UserDot } from '../components/UserDot';
import { errorMessage } from '../errorMessage';
import { useSession } from '../SessionContext';
import { ColorPicker } from './ColorPicker';
import { randomPresetColor } from './colors';

const MAX_NAME = 64;

/** Dev mode: pick a name and a colour, and the server issues a local token. */
export function DevSignInForm() {
  const { signIn } = useSession();
  const nameId = useId();
  const errorId = useId();
  const [name, setName] = useState('');
  const [color, setColor] = useState(randomPresetColor);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed.length === 0) {
      setError('Please enter a name so others can see who you are.');
      return;
    }
    setPending(true);
    setError(null);
    try {
      const { token, expiresAt, user } = await createDevToken({ name: trimmed, color });
      signIn({ token, expiresAt, user });
    } catch (caught) {
      setError(errorMessage(caught));
      setPending(false);
    }
  };

  return (
    <div className="signin" data-testid="dev-signin">
      <title>Sign in · Ensemble</title>
      <form className="card signin-card" onSubmit={onSubmit} noValidate>
        <h1>Join the ensemble</h1>
        <p className="muted">
          This server runs in dev mode, so you can pick any name. Your name and colour show up next to your
          cursor and edits.
        </p>
        <div className="field">
          <label htmlFor={nameId}>Display name</label>
          <input
            id={nameId}
            type="text"
            autoComplete="nickname"
            maxLength={MAX_NAME}
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="e.g. Ada"
            aria-invalid={error !== null}
            aria-describedby={error ? errorId : undefined}
            data-testid="signin-name"
            // biome-ignore lint/a11y/noAutofocus: the sign-in form is the only thing on the page
            autoFocus
          />
        </div>
        <ColorPicker value={color} onChange={setColor} />
        {error ? (
          <p id={errorId} className="form-error" role="alert" data-testid="signin-error">
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          className="button button-primary"
          disabled={pending}
          data-testid="signin-submit"
        >
          <UserDot color={color} />
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
