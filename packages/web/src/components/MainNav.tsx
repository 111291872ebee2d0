import { NavLink } from 'react-router';

const LINKS = [
  { to: '/studio', label: 'Studio' },
  { to: '/publish', label: 'Publish' },
  { to: '/catalog', label: 'Catalog' },
  { to: '/status', label: 'Status' },
] as const;

export function MainNav() {
  return (
    <nav className="main-nav" aria-label="Workspaces">
      <ul>
        {LINKS.map((link) => (
          <li key={link.to}>
            <NavLink
              to={link.to}
              className={({ isActive }) => (isActive ? 'nav-link active' : 'nav-link')}
              data-testid={`nav-${link.label.toLowerCase()}`}
            >
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
