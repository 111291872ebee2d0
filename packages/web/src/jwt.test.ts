import { describe, expect, it } from 'vitest';
import { sessionFromJwt } from './jwt';

const encode = (value: unknown) => {
  const binary = String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value)));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};
const jwt = (claims: unknown) => `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}.signature`;
const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('sessionFromJwt', () => {
  it('reads the user and expiry from the claims', () => {
    const token = jwt({ sub: 'u-1', name: 'Zoë ☃', color: '#0090ff', exp: NOW / 1000 + 60 });
    expect(sessionFromJwt(`  ${token}\n`, NOW)).toEqual({
      token,
      expiresAt: new Date(NOW + 60_000).toISOString(),
      user: { id: 'u-1', name: 'Zoë ☃', color: '#0090ff' },
    });
  });

  it('falls back to the id for the name and a neutral colour', () => {
    const session = sessionFromJwt(jwt({ sub: 'u-2', color: 'red' }), NOW);
    expect(session.user).toEqual({ id: 'u-2', name: 'u-2', color: '#64748b' });
    expect(session.expiresAt).toBeUndefined();
  });

  it('rejects malformed, unreadable, anonymous and expired tokens', () => {
    expect(() => sessionFromJwt('abc.def', NOW)).toThrow(/three dot-separated parts/);
    expect(() => sessionFromJwt('a.!!!.c', NOW)).toThrow(/could not be read/);
    expect(() => sessionFromJwt(jwt({ name: 'x' }), NOW)).toThrow(/missing "sub"/);
    expect(() => sessionFromJwt(jwt({ sub: 'u', exp: NOW / 1000 - 1 }), NOW)).toThrow(/expired/);
  });
});
