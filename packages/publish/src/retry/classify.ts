import { PlatformError } from '../platforms/platform-error.js';
import { graphRegainAccessMs, nextUtcMidnight, parseRetryAfter } from './backoff.js';

/** Graph API codes that mean "slow down / try later" (throttling, temporary blocks, transient errors). */
const GRAPH_RETRYABLE = new Set([1, 2, 4, 17, 32, 341, 368, 613]);
/** Of those, the ones where the platform may have done the work anyway (unknown/service errors). */
const GRAPH_AMBIGUOUS = new Set([1, 2]);
/** Throttles that apply to the page/user/account rather than the single request. */
const GRAPH_ACCOUNT_THROTTLE = new Set([4, 17, 32, 341, 368, 613]);

export interface GraphErrorBody {
  error?: { message?: unknown; code?: unknown; error_subcode?: unknown; is_transient?: unknown };
}

/** Facebook and Instagram (both Graph API) failures → what to do about them. */
export function classifyGraph(status: number, body: unknown, headers: Headers, now: Date): PlatformError {
  const error = (body as GraphErrorBody | undefined)?.error;
  const code = typeof error?.code === 'number' ? error.code : undefined;
  const message = typeof error?.message === 'string' ? error.message : `HTTP ${status}`;
  const retryAfterMs = parseRetryAfter(headers.get('retry-after'), now) ?? graphRegainAccessMs(headers);
  const base = { httpStatus: status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  if (code === 190)
    return new PlatformError(`access token is invalid or expired: ${message}`, {
      ...base,
      kind: 'auth',
      code: 'graph_190',
    });
  if (code === 10 || (code !== undefined && code >= 200 && code <= 299)) {
    return new PlatformError(`missing permission: ${message}`, {
      ...base,
      kind: 'permission',
      code: `graph_${code}`,
    });
  }
  if (code === 506)
    return new PlatformError(`duplicate post: ${message}`, { ...base, kind: 'duplicate', code: 'graph_506' });
  if (code !== undefined && GRAPH_RETRYABLE.has(code)) {
    const accountBackoffUntil =
      GRAPH_ACCOUNT_THROTTLE.has(code) && retryAfterMs ? new Date(now.getTime() + retryAfterMs) : undefined;
    return new PlatformError(message, {
      ...base,
      kind: 'retryable',
      code: `graph_${code}`,
      ambiguous: GRAPH_AMBIGUOUS.has(code),
      ...(accountBackoffUntil ? { accountBackoffUntil } : {}),
    });
  }
  if (status === 429) return new PlatformError(message, { ...base, kind: 'retryable', code: 'http_429' });
  if (status >= 500 || error?.is_transient === true) {
    return new PlatformError(message, {
      ...base,
      kind: 'retryable',
      code: code ? `graph_${code}` : `http_${status}`,
      ambiguous: true,
    });
  }
  return new PlatformError(message, {
    ...base,
    kind: 'invalid',
    code: code !== undefined ? `graph_${code}` : `http_${status}`,
  });
}

/** LinkedIn REST failures → what to do about them. */
export function classifyLinkedIn(status: number, body: unknown, headers: Headers, now: Date): PlatformError {
  const record = (body ?? {}) as { message?: unknown; serviceErrorCode?: unknown };
  const message = typeof record.message === 'string' ? record.message : `HTTP ${status}`;
  const base = { httpStatus: status };
  if (status === 401)
    return new PlatformError(`access token is invalid or expired: ${message}`, {
      ...base,
      kind: 'auth',
      code: 'http_401',
    });
  if (status === 403)
    return new PlatformError(`missing permission: ${message}`, {
      ...base,
      kind: 'permission',
      code: 'http_403',
    });
  if (status === 429) {
    // LinkedIn's limits are daily; a Retry-After (if any) wins, otherwise wait for the reset.
    const retryAfterMs =
      parseRetryAfter(headers.get('retry-after'), now) ?? nextUtcMidnight(now).getTime() - now.getTime();
    return new PlatformError(`daily limit reached: ${message}`, {
      ...base,
      kind: 'retryable',
      code: 'http_429',
      retryAfterMs,
      accountBackoffUntil: new Date(now.getTime() + retryAfterMs),
    });
  }
  if ((status === 422 || status === 409) && /duplicate/i.test(message)) {
    return new PlatformError(`duplicate post: ${message}`, {
      ...base,
      kind: 'duplicate',
      code: `http_${status}`,
    });
  }
  if (status >= 500)
    return new PlatformError(message, {
      ...base,
      kind: 'retryable',
      code: `http_${status}`,
      ambiguous: true,
    });
  return new PlatformError(message, { ...base, kind: 'invalid', code: `http_${status}` });
}

/**
 * No HTTP answer at all. A timeout or a reset after the request left may still have created the
 * post, so it is ambiguous unless the request could not have been sent (connection refused, DNS).
 */
export function classifyNetwork(error: unknown, timedOut: boolean): PlatformError {
  const cause = (error as { cause?: { code?: unknown } })?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (timedOut)
    return new PlatformError(
      'the platform did not answer in time',
      { kind: 'retryable', code: 'timeout', ambiguous: true },
      { cause: error },
    );
  const neverSent = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
  return new PlatformError(
    `network error: ${code ?? (error as Error)?.message ?? 'unknown'}`,
    {
      kind: 'retryable',
      code: neverSent ? 'network_unreachable' : 'network_lost',
      ambiguous: !neverSent,
    },
    { cause: error },
  );
}
