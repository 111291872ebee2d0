import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { usePolling } from '../usePolling';
import { type Account, type Client, type Company, type PublishApi, publishApi } from './publishApi';

export interface PublishState {
  api: PublishApi;
  company: Company;
  accounts: Account[];
  clients: Client[];
  accountsError: unknown;
  reloadAccounts: () => void;
  /** Bumped after every write, so post views refetch at once instead of at their next poll. */
  postsGeneration: number;
  postsChanged: () => void;
}

const Context = createContext<PublishState | null>(null);

/** Everything the Publish views share for one company: its API, accounts and clients. */
export function PublishProvider({
  token,
  company,
  children,
}: {
  token: string;
  company: Company;
  children: ReactNode;
}) {
  const api = useMemo(() => publishApi(token, company.id), [token, company.id]);
  const load = useCallback(
    async (signal: AbortSignal) => {
      const [accounts, clients] = await Promise.all([api.accounts(signal), api.clients(signal)]);
      return { accounts: accounts.accounts, clients: clients.clients };
    },
    [api],
  );
  // Accounts change rarely (and needs_reauth comes from the worker): a slow poll is enough.
  const { data, error, refresh } = usePolling(load, 15_000);
  const [postsGeneration, setGeneration] = useState(0);
  const postsChanged = useCallback(() => setGeneration((g) => g + 1), []);
  const value = useMemo<PublishState>(
    () => ({
      api,
      company,
      accounts: data?.accounts ?? [],
      clients: data?.clients ?? [],
      accountsError: error,
      reloadAccounts: refresh,
      postsGeneration,
      postsChanged,
    }),
    [api, company, data, error, refresh, postsGeneration, postsChanged],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function usePublish(): PublishState {
  const value = useContext(Context);
  if (!value) throw new Error('usePublish must be used inside <PublishProvider>');
  return value;
}
