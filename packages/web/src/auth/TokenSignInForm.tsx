import { type FormEvent, useId, useState } from 'react';
import { ApiError, getMe } from '../api';
import { errorMessage } from '../errorMessage';
import { sessionFromJwt } from '../jwt';
import { useSession } from '../SessionContext';
import type { Session } from '../session';

/**
 * Checks the pasted token with the server (`GET /api/v1/me`) and prefers the user it names there
 * over the token's unverified claims. A server without that route falls back to the claims.
 */
async function verifiedSession(token: string): Promise<Session> {
  const local = sessionFromJwt(token);
  try {
    const { user, expiresAt } = await getMe(local.token);
    const expiry = expiresAt ?? local.expiresAt;
    return {
      token: local.token,
      ...(expiry ? { expiresAt: expiry } : {}),
      user: { id: user.id, name: user.name, color: user.color ?? local.user.color },
    };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return local;
    throw error;
  }
}

/** Production mode: paste a JWT issued by your organisation. */
export function TokenSignInForm() {
  const { signIn } = useSession();
  const tokenId = useId();
  const hintId = useId();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      signIn(await verifiedSession(token));
    } catch (caught) {
      setError(errorMessage(caught));
      setPending(false);
    }
  };

  return (
    <div className="signin" data-testid="token-signin">
      <title>Sign in · Ensemble</title>
      <form className="card signin-card" onSubmit={onSubmit} noValidate>
        <h1>Sign in with your organisation's token</h1>
        <p className="muted" id={hintId}>
          Paste the JSON Web Token your administrator or identity provider gave you. It stays in this browser.
        </p>
        <div className="field">
          <label htmlFor={tokenId}>Access token (JWT)</label>
          <textarea
            id={tokenId}
            rows={5}
            spellCheck={false}
            autoComplete="off"
            value={token}
            onChange={(event) => setToken(event.target.value)}
            placeholder="eyJhbGciOi…"
            aria-describedby={hintId}
            aria-invalid={error !== null}
            className="mono"
            data-testid="token-input"
          />
        </div>
        {error ? (
          <p className="form-error" role="alert" data-testid="signin-error">
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          className="button button-primary"
          disabled={pending || token.trim().length === 0}
          data-testid="token-submit"
        >
          {pending ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
