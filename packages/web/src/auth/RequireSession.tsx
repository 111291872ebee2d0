import { Outlet } from 'react-router';
import { ServerUnreachable } from '../components/ServerUnreachable';
import { errorMessage } from '../errorMessage';
import { useServerInfo } from '../ServerInfoContext';
import { useSession } from '../SessionContext';
import { DevSignInForm } from './DevSignInForm';
import { TokenSignInForm } from './TokenSignInForm';

/** Renders the routed workspace when signed in, otherwise the sign-in form for the server's mode. */
export function RequireSession() {
  const { session } = useSession();
  const { info, error, loading, retry } = useServerInfo();

  if (session) return <Outlet />;
  if (info) return info.mode === 'dev' ? <DevSignInForm /> : <TokenSignInForm />;
  if (loading) {
    return (
      <p className="loading" role="status" data-testid="loading">
        Connecting to the server…
      </p>
    );
  }
  return <ServerUnreachable message={errorMessage(error)} onRetry={retry} />;
}
