/**
 * A tiny typed client for the Ensemble HTTP API. Every failed request throws an {@link ApiError}
 * whose message comes from the server's `{ error: { code, message } }` body when there is one.
 */

export type ServerMode = 'dev' | 'production';

export interface HealthResponse {
  status: 'ok';
}

export interface ReadinessCheck {
  ok: boolean;
  error?: string;
}

export interface ReadinessResponse {
  status: 'ready' | 'not_ready';
  checks: Record<string, ReadinessCheck>;
}

export interface ServerInfo {
  name: string;
  version: string;
  mode: ServerMode;
  database: 'pglite' | 'postgres';
  uptimeSeconds: number;
  startedAt: string;
}

export interface SessionUser {
  id: string;
  name: string;
  color: string;
}

export interface DevTokenRequest {
  name: string;
  color?: string;
}

export interface DevTokenResponse {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

/** `GET /api/v1/me`: who the token names, as verified by the server. */
export interface Principal {
  user: { id: string; name: string; color?: string; avatar?: string };
  expiresAt?: string;
}

/** Client-side codes for failures that never reached the server's error envelope. */
export const ClientErrorCode = {
  Network: 'CLIENT_NETWORK',
  BadResponse: 'CLIENT_BAD_RESPONSE',
  Http: 'CLIENT_HTTP',
} as const;

export class ApiError extends Error {
  /** The server's `ENSEMBLE_…` code, or a `CLIENT_…` code for transport failures. */
  readonly code: string;
  /** HTTP status; 0 when the server could not be reached at all. */
  readonly status: number;

  constructor(code: string, message: string, status: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }
}

export function isNetworkError(error: unknown): boolean {
  return error instanceof ApiError && error.code === ClientErrorCode.Network;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  token?: string;
  signal?: AbortSignal;
  /** Non-2xx statuses whose JSON body is a normal answer rather than an error (e.g. 503 from /readyz). */
  acceptStatus?: readonly number[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A proxy in front of the server (Vite dev server, nginx) answers these when the server is down. */
const GATEWAY_STATUSES = [502, 504];

function errorFromBody(body: unknown, response: Response): ApiError {
  if (isRecord(body) && isRecord(body.error)) {
    const { code, message } = body.error;
    if (typeof message === 'string' && message.length > 0) {
      return new ApiError(typeof code === 'string' ? code : ClientErrorCode.Http, message, response.status);
    }
  }
  if (GATEWAY_STATUSES.includes(response.status)) {
    return new ApiError(
      ClientErrorCode.Network,
      `Cannot reach the Ensemble server (the proxy answered HTTP ${response.status}).`,
      response.status,
    );
  }
  const reason = response.statusText ? ` ${response.statusText}` : '';
  return new ApiError(
    ClientErrorCode.Http,
    `Request failed: HTTP ${response.status}${reason}`,
    response.status,
  );
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;

  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
      cache: 'no-store',
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(ClientErrorCode.Network, 'Cannot reach the Ensemble server.', 0, { cause });
  }

  const body = await readJson(response);
  if (!response.ok && !options.acceptStatus?.includes(response.status)) {
    throw errorFromBody(body, response);
  }
  if (body === undefined) {
    throw new ApiError(
      ClientErrorCode.BadResponse,
      `Unexpected response from ${path}: not JSON (HTTP ${response.status})`,
      response.status,
    );
  }
  return body as T;
}

export function getHealth(signal?: AbortSignal): Promise<HealthResponse> {
  return request<HealthResponse>('/healthz', { signal });
}

/** Resolves for both "ready" (200) and "not_ready" (503); only transport failures throw. */
export function getReadiness(signal?: AbortSignal): Promise<ReadinessResponse> {
  return request<ReadinessResponse>('/readyz', { signal, acceptStatus: [503] });
}

export function getInfo(signal?: AbortSignal): Promise<ServerInfo> {
  return request<ServerInfo>('/api/v1/info', { signal });
}

/** Dev mode only: the server answers 404 in production mode. */
export function createDevToken(input: DevTokenRequest, signal?: AbortSignal): Promise<DevTokenResponse> {
  return request<DevTokenResponse>('/api/v1/dev/token', { method: 'POST', body: input, signal });
}

/** Verifies a token with the server and returns the user it names (401 when invalid or expired). */
export function getMe(token: string, signal?: AbortSignal): Promise<Principal> {
  return request<Principal>('/api/v1/me', { token, signal });
}
