/**
 * How a failed platform call should be handled (docs/publish.md, "Retry classification"):
 * - `retryable`: try again later (rate limits, transient platform errors, timeouts), up to the limit;
 * - `auth`: the token is dead — the account needs re-authorization, the post fails;
 * - `permission`: the token lacks a permission for this target — the post fails;
 * - `duplicate`: the platform says this exact post already exists;
 * - `invalid`: the request itself is wrong (bad media URL, too long…) — retrying cannot help.
 */
export type ErrorKind = 'retryable' | 'auth' | 'permission' | 'duplicate' | 'invalid';

export interface PlatformErrorInit {
  kind: ErrorKind;
  /** Stable code for the attempt log and the API, e.g. `graph_190`, `http_429`, `timeout`. */
  code: string;
  /** True when the request may have taken effect although we got no success answer. */
  ambiguous?: boolean | undefined;
  httpStatus?: number | undefined;
  /** The platform asked us to wait at least this long (Retry-After, usage headers, daily reset). */
  retryAfterMs?: number | undefined;
  /** The limit is the account's, not this post's: hold every post of the account until then. */
  accountBackoffUntil?: Date | undefined;
  /** A pre-check failed before anything was sent: do not count it against the attempt limit. */
  beforePublish?: boolean | undefined;
}

export class PlatformError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly ambiguous: boolean;
  readonly httpStatus: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly accountBackoffUntil: Date | undefined;
  readonly beforePublish: boolean;

  constructor(message: string, init: PlatformErrorInit, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PlatformError';
    this.kind = init.kind;
    this.code = init.code;
    this.ambiguous = init.ambiguous ?? false;
    this.httpStatus = init.httpStatus;
    this.retryAfterMs = init.retryAfterMs;
    this.accountBackoffUntil = init.accountBackoffUntil;
    this.beforePublish = init.beforePublish ?? false;
  }
}
