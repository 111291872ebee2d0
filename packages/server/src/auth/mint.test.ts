import { ErrorCode } from '@ensemble/protocol';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { mintToken } from './mint.js';
import { rejection } from './test-support/rejection.js';
import { createTokenVerifier } from './verifier.js';

const SECRET = 'mint-test-secret';

describe('mintToken', () => {
  it('round-trips through the verifier with every claim', async () => {
    const { token, expiresAt } = await mintToken({
      secret: SECRET,
      sub: 'u1',
      name: 'Ada Lovelace',
      color: '#ff8800',
      avatar: 'https://example.com/a.png',
      rooms: { 'project:*': 'editor', 'idea:42': 'viewer' },
      tenants: [{ companyId: 'acme', role: 'admin' }],
    });
    const principal = await createTokenVerifier({ secret: SECRET }).verify(token);
    expect(principal).toEqual({
      user: { id: 'u1', name: 'Ada Lovelace', color: '#ff8800', avatar: 'https://example.com/a.png' },
      rooms: [
        { pattern: 'project:*', role: 'editor' },
        { pattern: 'idea:42', role: 'viewer' },
      ],
      tenants: [{ companyId: 'acme', role: 'admin' }],
      expiresAt,
    });
    // Default TTL is one hour, measured from the token's own iat (not the
    // wall clock, which can step on a shared machine).
    const payload = decodeJwt(token);
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(payload.exp).toBe(expiresAt.getTime() / 1000);
  });

  it('writes a compact HS256 JWT with sub, name defaulting to sub, iat and exp', async () => {
    const { token, expiresAt } = await mintToken({ secret: SECRET, sub: 'u2', ttlSeconds: 60 });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const payload = decodeJwt(token);
    expect(payload).toMatchObject({ sub: 'u2', name: 'u2', rooms: {}, tenants: [] });
    expect(payload.exp).toBe(expiresAt.getTime() / 1000);
    expect(payload.exp! - payload.iat!).toBe(60);
  });

  it('sets issuer and audience for verifiers that require them', async () => {
    const { token } = await mintToken({
      secret: SECRET,
      sub: 'u1',
      issuer: 'ensemble-dev',
      audience: 'ensemble',
    });
    const verifier = createTokenVerifier({ secret: SECRET, issuer: 'ensemble-dev', audience: 'ensemble' });
    await expect(verifier.verify(token)).resolves.toMatchObject({ user: { id: 'u1' } });
    const other = createTokenVerifier({ secret: SECRET, audience: 'someone-else' });
    expect((await rejection(other.verify(token))).code).toBe(ErrorCode.AuthInvalidClaims);
  });

  it('produces tokens that fail with another secret', async () => {
    const { token } = await mintToken({ secret: SECRET, sub: 'u1' });
    const error = await rejection(createTokenVerifier({ secret: 'other' }).verify(token));
    expect(error.code).toBe(ErrorCode.AuthBadSignature);
  });

  it('refuses claims the verifier would reject', async () => {
    const badRole = await rejection(
      mintToken({ secret: SECRET, sub: 'u1', rooms: { x: 'owner' as unknown as 'admin' } }),
    );
    expect(badRole.code).toBe(ErrorCode.AuthInvalidClaims);
    expect(badRole.message).toMatch(/^Cannot mint a token: claim "rooms\.x" is invalid/);
    const noSub = await rejection(mintToken({ secret: SECRET, sub: '' }));
    expect(noSub.message).toMatch(/claim "sub"/);
  });

  it('refuses an empty secret and a non-positive or fractional TTL', async () => {
    expect((await rejection(mintToken({ secret: '', sub: 'u1' }))).code).toBe(ErrorCode.Config);
    for (const ttlSeconds of [0, -5, 1.5, Number.NaN]) {
      const error = await rejection(mintToken({ secret: SECRET, sub: 'u1', ttlSeconds }));
      expect(error.code).toBe(ErrorCode.BadRequest);
      expect(error.message).toMatch(/ttlSeconds must be a positive integer/);
    }
  });
});
