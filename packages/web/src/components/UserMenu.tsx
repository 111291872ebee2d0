import { useSession } from '../SessionContext';
import { SignOutIcon } from './SignOutIcon';
import { UserDot } from './UserDot';

/** The signed-in user (name + colour dot) and the sign-out button; empty when signed out. */
export function UserMenu() {
  const { session, signOut } = useSession();
  if (!session) return <div className="user-menu" />;
  const { user } = session;
  return (
    <div className="user-menu" data-testid="user-menu">
      <span className="user-chip" title={`Signed in as ${user.name} (${user.id})`}>
        <UserDot color={user.color} />
        <span className="user-name" data-testid="user-name">
          {user.name}
        </span>
      </span>
      <button
        type="button"
        className="button button-ghost sign-out"
        onClick={signOut}
        title="Sign out"
        data-testid="sign-out"
      >
        <SignOutIcon />
        <span className="sign-out-label">Sign out</span>
      </button>
    </div>
  );
}
