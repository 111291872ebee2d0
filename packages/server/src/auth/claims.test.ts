import { describe, expect, it } from 'vitest';
import { claimsSchema, describeClaimsError, principalFromClaims, ROLES } from './claims.js';

function issue(payload: unknown): string {
  const result = claimsSchema.safeParse(payload);
  if (result.success) throw new Error('expected the claims to be rejected');
  return describeClaimsError(result.error);
}

describe('claimsSchema', () => {
  it('applies defaults: name = sub, no rooms, no tenants', () => {
    const principal = principalFromClaims(claimsSchema.parse({ sub: 'u1' }));
    expect(principal).toEqual({ user: { id: 'u1', name: 'u1' }, rooms: [], tenants: [] });
  });

  it('maps every claim to the principal', () => {
    const claims = claimsSchema.parse({
      sub: 'u1',
      name: 'Ada',
      color: '#aabbcc',
      avatar: 'https://example.com/ada.png',
      rooms: { 'project:*': 'editor', 'idea:42': 'viewer' },
      tenants: [{ companyId: 'acme', role: 'owner' }],
      exp: 1_900_000_000,
      iat: 1_899_990_000,
      custom: 'ignored',
    });
    expect(principalFromClaims(claims)).toEqual({
      user: { id: 'u1', name: 'Ada', color: '#aabbcc', avatar: 'https://example.com/ada.png' },
      rooms: [
        { pattern: 'project:*', role: 'editor' },
        { pattern: 'idea:42', role: 'viewer' },
      ],
      tenants: [{ companyId: 'acme', role: 'owner' }],
      expiresAt: new Date(1_900_000_000_000),
    });
  });

  it('accepts the usual CSS color shapes', () => {
    for (const color of [
      '#abc',
      '#abcd',
      '#AABBCC',
      '#aabbccdd',
      'rgb(1, 2, 3)',
      'hsl(120deg 50% 50% / 0.5)',
      'teal',
    ]) {
      expect(claimsSchema.safeParse({ sub: 'u', color }).success, color).toBe(true);
    }
  });

  it('names the claim that fails', () => {
    expect(issue({})).toMatch(/^claim "sub" is invalid/);
    expect(issue({ sub: '' })).toMatch(/^claim "sub" is invalid/);
    expect(issue({ sub: 42 })).toMatch(/^claim "sub" is invalid/);
    expect(issue({ sub: 'u', rooms: { 'idea:42': 'owner' } })).toMatch(/^claim "rooms\.idea:42" is invalid/);
    expect(issue({ sub: 'u', rooms: ['viewer'] })).toMatch(/^claim "rooms" is invalid/);
    expect(issue({ sub: 'u', tenants: [{ companyId: 'c', role: 'editor' }] })).toMatch(
      /^claim "tenants\.0\.role" is invalid/,
    );
    expect(issue({ sub: 'u', tenants: [{ role: 'member' }] })).toMatch(
      /^claim "tenants\.0\.companyId" is invalid/,
    );
    expect(issue({ sub: 'u', color: 'red;background:url(x)' })).toMatch(
      /^claim "color" is invalid: expected a CSS color/,
    );
    expect(issue({ sub: 'u', color: '#abcde' })).toMatch(/^claim "color" is invalid/);
    expect(issue({ sub: 'u', avatar: 'javascript:alert(1)' })).toMatch(/^claim "avatar" is invalid/);
    expect(issue({ sub: 'u', avatar: 'not a url' })).toMatch(/^claim "avatar" is invalid/);
    expect(issue({ sub: 'u', name: '' })).toMatch(/^claim "name" is invalid/);
  });

  it('counts further issues', () => {
    expect(issue({ sub: '', rooms: { x: 'nope' } })).toMatch(/and 1 more issue/);
  });

  it('lists the roles weakest first', () => {
    expect(ROLES).toEqual(['viewer', 'commenter', 'editor', 'admin']);
  });
});
