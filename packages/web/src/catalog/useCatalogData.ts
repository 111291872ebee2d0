import { useEffect, useState } from 'react';
import { useSession } from '../SessionContext';

export interface LoadState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
}

/**
 * Runs `load` with the session token whenever `key` changes, aborting the previous request; while the
 * catalog is still being built on first start (HTTP 503) it retries every second.
 *
 * @example
 * const { data } = useCatalogData(`p:${sku}`, (token, signal) => getProduct(token, sku, signal));
 */
export function useCatalogData<T>(
  key: string,
  load: (token: string, signal: AbortSignal) => Promise<T>,
): LoadState<T> {
  const { session } = useSession();
  const token = session?.token ?? '';
  const [state, setState] = useState<LoadState<T>>({ data: undefined, error: undefined, loading: true });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names everything `load` depends on
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState((s) => ({ ...s, loading: true }));
    const attempt = () => {
      load(token, controller.signal).then(
        (data) => setState({ data, error: undefined, loading: false }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          const status = (error as { status?: number }).status;
          if (status === 503) timer = setTimeout(attempt, 1_000);
          setState((s) => ({ data: s.data, error, loading: status === 503 }));
        },
      );
    };
    attempt();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [key, token]);
  return state;
}
