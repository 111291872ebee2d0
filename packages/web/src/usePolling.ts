import { useCallback, useEffect, useRef, useState } from 'react';

export interface PollState<T> {
  data: T | undefined;
  error: unknown;
  /** True until the first attempt settles. */
  loading: boolean;
  /** When the last attempt settled (success or failure). */
  updatedAt: Date | undefined;
  /** Runs an attempt now and restarts the interval. */
  refresh: () => void;
}

/**
 * Calls `load` now and then `intervalMs` after each attempt settles (never overlapping). The
 * last good `data` survives a failed attempt so the UI can show both. `load` should be stable.
 *
 * @example
 * const { data, error } = usePolling((signal) => getInfo(signal), 5_000);
 */
export function usePolling<T>(
  load: (signal: AbortSignal) => Promise<T>,
  intervalMs: number,
  options: { stopOnSuccess?: boolean } = {},
): PollState<T> {
  const [state, setState] = useState<Omit<PollState<T>, 'refresh'>>({
    data: undefined,
    error: undefined,
    loading: true,
    updatedAt: undefined,
  });
  const [generation, setGeneration] = useState(0);
  const stopOnSuccess = options.stopOnSuccess ?? false;
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` restarts the loop on refresh()
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;

    const attempt = async (): Promise<void> => {
      let succeeded = false;
      try {
        const data = await loadRef.current(controller.signal);
        if (controller.signal.aborted) return;
        succeeded = true;
        setState({ data, error: undefined, loading: false, updatedAt: new Date() });
      } catch (error) {
        if (controller.signal.aborted) return;
        setState((previous) => ({ ...previous, error, loading: false, updatedAt: new Date() }));
      }
      if (!(stopOnSuccess && succeeded)) timer = setTimeout(attempt, intervalMs);
    };
    void attempt();

    return () => {
      controller.abort();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [intervalMs, stopOnSuccess, generation]);

  const refresh = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, refresh };
}
