import { createContext, type ReactNode, useContext } from 'react';
import { getInfo, type ServerInfo } from './api';
import { usePolling } from './usePolling';

export interface ServerInfoState {
  info: ServerInfo | undefined;
  error: unknown;
  loading: boolean;
  retry: () => void;
}

const ServerInfoContext = createContext<ServerInfoState | null>(null);

const RETRY_MS = 5_000;

/** Loads `GET /api/v1/info` once (retrying every 5 s while the server is unreachable). */
export function ServerInfoProvider({ children }: { children: ReactNode }) {
  const { data, error, loading, refresh } = usePolling(getInfo, RETRY_MS, { stopOnSuccess: true });
  const value: ServerInfoState = { info: data, error: data ? undefined : error, loading, retry: refresh };
  return <ServerInfoContext.Provider value={value}>{children}</ServerInfoContext.Provider>;
}

export function useServerInfo(): ServerInfoState {
  const value = useContext(ServerInfoContext);
  if (!value) throw new Error('useServerInfo must be used inside <ServerInfoProvider>');
  return value;
}
