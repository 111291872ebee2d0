import { Link } from 'react-router';
import { DevModeBadge } from './DevModeBadge';
import { MainNav } from './MainNav';
import { UserMenu } from './UserMenu';

export function TopBar() {
  return (
    <header className="topbar" data-testid="top-bar">
      <div className="topbar-brand">
        <Link to="/" className="brand" data-testid="brand" aria-label="Ensemble home">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Ensemble</span>
        </Link>
        <DevModeBadge />
      </div>
      <MainNav />
      <UserMenu />
    </header>
  );
}
