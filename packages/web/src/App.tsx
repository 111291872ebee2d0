import { RouterProvider } from 'react-router';
import { useStoredSessionCheck } from './auth/useStoredSessionCheck';
import { router } from './router';
import { ServerInfoProvider } from './ServerInfoContext';
import { SessionProvider } from './SessionContext';

export function App() {
  return (
    <ServerInfoProvider>
      <SessionProvider>
        <AppRoutes />
      </SessionProvider>
    </ServerInfoProvider>
  );
}

function AppRoutes() {
  useStoredSessionCheck();
  return <RouterProvider router={router} />;
}
