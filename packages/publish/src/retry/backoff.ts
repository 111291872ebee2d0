export interface BackoffOptions {
  /** Delay before the 2nd attempt; each later one doubles. */
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 30_000, maxMs: 30 * 60_000 };

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so many posts that
 * failed together (a platform outage) do not all come back in the same second.
 * `attempt` is the number of the attempt that just failed (1-based).
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const exp = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random());
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** LinkedIn's daily application and member limits reset at midnight UTC. */
export function nextUtcMidnight(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

/**
 * Graph API usage headers (`X-Business-Use-Case-Usage`, `X-App-Usage`, `X-Ad-Account-Usage`) can say
 * how long until access is regained (minutes). Returns the longest wait they announce, in ms.
 */
export function graphRegainAccessMs(headers: Headers): number | undefined {
  let longest: number | undefined;
  const consider = (minutes: unknown) => {
    if (typeof minutes === 'number' && minutes > 0) longest = Math.max(longest ?? 0, minutes * 60_000);
  };
  for (const name of ['x-business-use-case-usage', 'x-app-usage', 'x-ad-account-usage']) {
    const raw = headers.get(name);
    if (!raw) continue;
    try {
      const parsed: unknown = JSON.parse(raw);
      const visit = (value: unknown): void => {
        if (Array.isArray(value)) value.forEach(visit);
        else if (value && typeof value === 'object') {
          const record = value as Record<string, unknown>;
          consider(record.estimated_time_to_regain_access);
          for (const nested of Object.values(record)) if (typeof nested === 'object') visit(nested);
        }
      };
      visit(parsed);
    } catch {
      // A malformed usage header is not a reason to fail a post.
    }
  }
  return longest;
}
