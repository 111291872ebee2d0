import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, ClientErrorCode, createDevToken, getReadiness, isNetworkError, request } from './api';

function respond(status: number, body: unknown, statusText = '') {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const fetchMock = vi.fn(
    async (_input: RequestInfo | URL, _init?: RequestInit) => new Response(text, { status, statusText }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('api client', () => {
  it('posts JSON and returns the parsed body', async () => {
    const user = { id: 'dev-1', name: 'Ada', color: '#30a46c' };
    const fetchMock = respond(200, { token: 't', expiresAt: '2030-01-01T00:00:00Z', user });
    await expect(createDevToken({ name: 'Ada', color: '#30a46c' })).resolves.toMatchObject({ user });
    const [path, init = {}] = fetchMock.mock.calls[0]!;
    expect(path).toBe('/api/v1/dev/token');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"name":"Ada","color":"#30a46c"}');
    expect(init.headers).toMatchObject({ 'content-type': 'application/json' });
  });

  it('throws the message and code of the error envelope', async () => {
    respond(400, { error: { code: 'ENSEMBLE_BAD_REQUEST', message: 'name: too long' } });
    const error = await request('/api/v1/x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ message: 'name: too long', code: 'ENSEMBLE_BAD_REQUEST', status: 400 });
  });

  it('describes errors without an envelope by their status', async () => {
    respond(500, 'oops', 'Internal Server Error');
    await expect(request('/x')).rejects.toThrow('Request failed: HTTP 500 Internal Server Error');
  });

  it('treats a proxy 502 and a failed fetch as "server unreachable"', async () => {
    respond(502, '');
    expect(isNetworkError(await request('/x').catch((caught: unknown) => caught))).toBe(true);

    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const error = await request('/x').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: ClientErrorCode.Network, status: 0 });
  });

  it('reads a 503 from /readyz as an answer, not an error', async () => {
    const body = { status: 'not_ready', checks: { database: { ok: false, error: 'down' } } };
    respond(503, body);
    await expect(getReadiness()).resolves.toEqual(body);
  });

  it('sends the bearer token when given one', async () => {
    const fetchMock = respond(200, {});
    await request('/api/v1/me', { token: 'abc' });
    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.headers).toMatchObject({ authorization: 'Bearer abc' });
  });
});
