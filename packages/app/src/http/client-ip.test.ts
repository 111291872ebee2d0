import { describe, expect, it } from 'vitest';
import { clientIp } from './client-ip.js';

describe('clientIp (ENSEMBLE_TRUST_PROXY_HOPS)', () => {
  it('is the socket peer unless proxies are trusted', () => {
    expect(clientIp('10.0.0.5', '203.0.113.9', 0)).toBe('10.0.0.5');
    expect(clientIp(undefined, undefined, 0)).toBe('unknown');
  });

  it('takes the address the trusted proxy appended, not what the client wrote before it', () => {
    // The client forged "1.1.1.1"; the load balancer (10.0.0.5) appended the real peer 203.0.113.9.
    expect(clientIp('10.0.0.5', '1.1.1.1, 203.0.113.9', 1)).toBe('203.0.113.9');
    expect(clientIp('10.0.0.5', ['1.1.1.1', '203.0.113.9, 10.0.0.4'], 2)).toBe('203.0.113.9');
  });

  it('falls back to the farthest address when the chain is shorter than the hops', () => {
    expect(clientIp('10.0.0.5', '203.0.113.9', 3)).toBe('203.0.113.9');
    expect(clientIp('10.0.0.5', undefined, 1)).toBe('10.0.0.5');
    expect(clientIp('10.0.0.5', ' , ', 1)).toBe('10.0.0.5');
  });
});
