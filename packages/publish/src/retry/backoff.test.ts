import { describe, expect, it } from 'vitest';
import { backoffDelay, nextUtcMidnight, parseRetryAfter } from './backoff.js';

describe('backoff', () => {
  const options = { baseMs: 1_000, maxMs: 10_000 };

  it('doubles per attempt with equal jitter (half fixed, half random)', () => {
    expect(backoffDelay(1, options, () => 0)).toBe(500);
    expect(backoffDelay(1, options, () => 1)).toBe(1_000);
    expect(backoffDelay(2, options, () => 0)).toBe(1_000);
    expect(backoffDelay(3, options, () => 1)).toBe(4_000);
  });

  it('never exceeds the maximum', () => {
    expect(backoffDelay(20, options, () => 1)).toBe(10_000);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 01 Jan 2030 00:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('finds the next midnight UTC', () => {
    expect(nextUtcMidnight(new Date('2030-12-31T23:59:00Z'))).toEqual(new Date('2031-01-01T00:00:00Z'));
  });
});
