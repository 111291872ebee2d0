/** Default client-side rates (issue 4): cursors ≤ 30 Hz, graph edits ≤ 10 Hz, timeline scrubs ≤ 20 Hz. */
export const DEFAULT_RATES = { cursor: 30, graph: 10, timeline: 20 } as const;
export type RateName = keyof typeof DEFAULT_RATES;

export interface Throttled<A extends unknown[]> {
  (...args: A): void;
  /** Runs a pending trailing call now (e.g. on drag end, so the final position settles exactly). */
  flush(): void;
  cancel(): void;
}

/**
 * Leading + trailing throttle: the first call runs at once, later calls within the window collapse
 * into one trailing call with the latest arguments. Nothing is lost at the end of a burst.
 */
export function throttle<A extends unknown[]>(fn: (...args: A) => void, hz: number): Throttled<A> {
  const interval = 1000 / hz;
  let last = Number.NEGATIVE_INFINITY;
  let pending: A | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const run = () => {
    timer = undefined;
    if (!pending) return;
    const args = pending;
    pending = undefined;
    last = Date.now();
    fn(...args);
  };

  const throttled = ((...args: A) => {
    const wait = last + interval - Date.now();
    pending = args;
    if (wait <= 0 && !timer) run();
    else timer ??= setTimeout(run, Math.max(0, wait));
  }) as Throttled<A>;
  throttled.flush = () => {
    if (timer) clearTimeout(timer);
    run();
  };
  throttled.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    pending = undefined;
  };
  return throttled;
}
