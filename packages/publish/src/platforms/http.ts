import { classifyNetwork } from '../retry/classify.js';
import { PlatformError } from './platform-error.js';

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export type Classifier = (status: number, body: unknown, headers: Headers, now: Date) => PlatformError;

export interface CallOptions {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Form fields (Graph API) or a JSON value (LinkedIn). */
  form?: Record<string, string>;
  json?: unknown;
  timeoutMs: number;
  signal: AbortSignal;
  classify: Classifier;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { message: text.slice(0, 500) };
  }
}

/**
 * One platform HTTP call with a hard timeout. Non-2xx answers become classified `PlatformError`s;
 * no answer becomes a network `PlatformError` (ambiguous for requests that may have been received).
 */
export async function call(url: string, options: CallOptions): Promise<HttpResponse> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = AbortSignal.any([timeout, options.signal]);
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  } else if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  let response: Response;
  let parsed: unknown;
  try {
    response = await fetch(url, { method: options.method, headers, body, signal });
    parsed = await readBody(response);
  } catch (error) {
    if (options.signal.aborted) {
      throw new PlatformError(
        'the attempt was interrupted (claim lost or shutting down)',
        {
          kind: 'retryable',
          code: 'interrupted',
          ambiguous: options.method === 'POST',
        },
        { cause: error },
      );
    }
    const failure = classifyNetwork(error, timeout.aborted);
    // A GET cannot have published anything, whatever happened to it.
    if (options.method === 'GET' && failure.ambiguous) {
      throw new PlatformError(failure.message, { kind: 'retryable', code: failure.code }, { cause: error });
    }
    throw failure;
  }
  if (response.status >= 200 && response.status < 300) {
    return { status: response.status, headers: response.headers, body: parsed };
  }
  throw options.classify(response.status, parsed, response.headers, new Date());
}

/** Reads a string field of a JSON object answer, or fails as an invalid (non-retryable) answer. */
export function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  throw new PlatformError(`unexpected platform answer: no "${name}"`, {
    kind: 'retryable',
    code: 'bad_answer',
    ambiguous: true,
  });
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
