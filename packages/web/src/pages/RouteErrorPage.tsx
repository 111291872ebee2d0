import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { errorMessage } from '../errorMessage';

/** Shown when a page throws while rendering, instead of a blank screen. */
export function RouteErrorPage() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : errorMessage(error);
  return (
    <div className="page" data-testid="route-error">
      <div className="card card-error" role="alert">
        <h1>Something went wrong</h1>
        <p>{message}</p>
        <Link to="/" className="button">
          Back to start
        </Link>
      </div>
    </div>
  );
}
