import { useEffect } from 'react';
import { ApiError, getMe } from '../api';
import { useSession } from '../SessionContext';

/**
 * Once at start-up, asks the server whether the token kept from an earlier visit still verifies
 * (a dev server with a fresh data directory has a new secret) and signs out on 401. Network
 * trouble keeps the session: the Status page reports that.
 */
export function useStoredSessionCheck(): void {
  const { session, signOut } = useSession();
  const initialToken = session?.token;

  // biome-ignore lint/correctness/useExhaustiveDependencies: only the session found at start-up is checked
  useEffect(() => {
    if (!initialToken) return;
    const controller = new AbortController();
    getMe(initialToken, controller.signal).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 401) signOut();
    });
    return () => controller.abort();
  }, []);
}
