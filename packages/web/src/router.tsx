import { createBrowserRouter, Navigate } from 'react-router';
import { RequireSession } from './auth/RequireSession';
import { AppFrame } from './components/AppFrame';
import { CatalogPage } from './pages/CatalogPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PublishPage } from './pages/PublishPage';
import { RouteErrorPage } from './pages/RouteErrorPage';
import { StatusPage } from './pages/StatusPage';
import { StudioPage } from './pages/StudioPage';

export const router = createBrowserRouter([
  {
    element: <AppFrame />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <Navigate to="/studio" replace /> },
      // Status stays public so operators can check a server without signing in.
      { path: 'status', element: <StatusPage /> },
      {
        element: <RequireSession />,
        children: [
          { path: 'studio', element: <StudioPage /> },
          // The workspace (graph editor, code editor) loads on demand, keeping the shell small.
          {
            path: 'studio/:room',
            lazy: async () => ({ Component: (await import('./studio/StudioRoomPage')).StudioRoomPage }),
          },
          { path: 'publish', element: <PublishPage /> },
          { path: 'catalog', element: <CatalogPage /> },
          { path: 'catalog/:sku', element: <CatalogPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
