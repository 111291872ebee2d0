import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <div className="page" data-testid="not-found-page">
      <title>Not found · Ensemble</title>
      <header className="page-header">
        <h1>Page not found</h1>
        <p className="page-lede">There is nothing at this address.</p>
      </header>
      <Link to="/studio" className="button">
        Go to Studio
      </Link>
    </div>
  );
}
