import { describe, expect, it } from 'vitest';
import { classifyGraph, classifyLinkedIn, classifyNetwork } from './classify.js';

const now = new Date('2030-03-10T15:30:00Z');
const graph = (code: number, status = 400, headers: Record<string, string> = {}) =>
  classifyGraph(status, { error: { code, message: `code ${code}` } }, new Headers(headers), now);

describe('Graph API classification (Facebook, Instagram)', () => {
  it.each([1, 2, 4, 17, 341, 368])('code %i is retryable', (code) => {
    expect(graph(code).kind).toBe('retryable');
  });

  it('only unknown/service errors (1, 2) may have taken effect', () => {
    expect(graph(1).ambiguous).toBe(true);
    expect(graph(2).ambiguous).toBe(true);
    expect(graph(4).ambiguous).toBe(false);
    expect(graph(368).ambiguous).toBe(false);
  });

  it('190 is an auth failure; 10 and 200-299 are permission failures; 506 is a duplicate', () => {
    expect(graph(190)).toMatchObject({ kind: 'auth', code: 'graph_190' });
    expect(graph(10).kind).toBe('permission');
    expect(graph(200).kind).toBe('permission');
    expect(graph(299).kind).toBe('permission');
    expect(graph(506).kind).toBe('duplicate');
    expect(graph(100).kind).toBe('invalid');
  });

  it('HTTP 429 and 5xx without a known code are retryable; 5xx is ambiguous', () => {
    expect(classifyGraph(429, undefined, new Headers(), now)).toMatchObject({
      kind: 'retryable',
      ambiguous: false,
    });
    expect(classifyGraph(503, 'oops', new Headers(), now)).toMatchObject({
      kind: 'retryable',
      ambiguous: true,
    });
  });

  it('honours Retry-After and usage headers, and backs off the whole account for throttles', () => {
    expect(graph(4, 400, { 'retry-after': '120' }).retryAfterMs).toBe(120_000);
    const usage = JSON.stringify({
      '123': [{ type: 'pages', call_count: 100, estimated_time_to_regain_access: 7 }],
    });
    const throttled = graph(17, 400, { 'x-business-use-case-usage': usage });
    expect(throttled.retryAfterMs).toBe(7 * 60_000);
    expect(throttled.accountBackoffUntil).toEqual(new Date(now.getTime() + 7 * 60_000));
    expect(graph(17, 400, { 'x-app-usage': 'not json' }).retryAfterMs).toBeUndefined();
  });
});

describe('LinkedIn classification', () => {
  const li = (status: number, message = 'x', headers: Record<string, string> = {}) =>
    classifyLinkedIn(status, { message }, new Headers(headers), now);

  it('429 waits for the daily reset at midnight UTC, for the whole account', () => {
    const error = li(429);
    expect(error.kind).toBe('retryable');
    expect(error.accountBackoffUntil).toEqual(new Date('2030-03-11T00:00:00Z'));
    expect(error.retryAfterMs).toBe(8.5 * 3600_000);
    expect(li(429, 'x', { 'retry-after': '60' }).retryAfterMs).toBe(60_000);
  });

  it('maps 401, 403, duplicates, 5xx and other 4xx', () => {
    expect(li(401).kind).toBe('auth');
    expect(li(403).kind).toBe('permission');
    expect(li(422, 'Content is a duplicate of urn:li:share:1').kind).toBe('duplicate');
    expect(li(500)).toMatchObject({ kind: 'retryable', ambiguous: true });
    expect(li(400).kind).toBe('invalid');
  });
});

describe('network failures', () => {
  it('a timeout or a dropped connection may have published; a refused connection cannot have', () => {
    expect(classifyNetwork(new Error('aborted'), true)).toMatchObject({ code: 'timeout', ambiguous: true });
    const reset = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
    expect(classifyNetwork(reset, false)).toMatchObject({ code: 'network_lost', ambiguous: true });
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    expect(classifyNetwork(refused, false)).toMatchObject({ code: 'network_unreachable', ambiguous: false });
  });
});
