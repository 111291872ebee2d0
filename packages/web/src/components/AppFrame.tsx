import { Outlet } from 'react-router';
import { TopBar } from './TopBar';

/** The frame around every page: skip link, top bar, and the routed page in `<main>`. */
export function AppFrame() {
  return (
    <div className="app" data-testid="app-frame">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <TopBar />
      <main id="main" className="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
