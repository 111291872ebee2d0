import { ErrorCode } from '@ensemble/protocol';
import { base64url, CompactSign, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { rejection, thrown } from './test-support/rejection.js';
import { createTokenVerifier } from './verifier.js';

const SECRET = 'test-secret-with-enough-entropy-0123456789';
const key = new TextEncoder().encode(SECRET);
const now = () => Math.floor(Date.now() / 1000);

function sign(payload: Record<string, unknown>, alg = 'HS256', secret: Uint8Array = key): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(secret);
}

function unsigned(payload: Record<string, unknown>): string {
  const part = (value: unknown) => base64url.encode(JSON.stringify(value));
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.`;
}

describe('createTokenVerifier (HS256)', () => {
  const verifier = createTokenVerifier({ secret: SECRET });

  it('verifies a valid token into a principal', async () => {
    const exp = now() + 600;
    const token = await sign({ sub: 'u1', name: 'Ada', rooms: { 'project:*': 'editor' }, exp });
    await expect(verifier.verify(`  ${token}  `)).resolves.toEqual({
      user: { id: 'u1', name: 'Ada' },
      rooms: [{ pattern: 'project:*', role: 'editor' }],
      tenants: [],
      expiresAt: new Date(exp * 1000),
    });
  });

  it('rejects a missing or blank token with AuthMissing', async () => {
    for (const token of ['', '   ', undefined as unknown as string]) {
      const error = await rejection(verifier.verify(token));
      expect(error.code).toBe(ErrorCode.AuthMissing);
      expect(error.message).toMatch(/No auth token.*Authorization: Bearer/);
    }
  });

  it('rejects strings that are not JWTs with AuthMalformed', async () => {
    for (const token of ['not-a-jwt', 'a.b.c', 'a.b', '...', 'eyJhbGciOiJIUzI1NiJ9.%%%.x']) {
      const error = await rejection(verifier.verify(token));
      expect(error.code, token).toBe(ErrorCode.AuthMalformed);
      expect(error.message, token).toMatch(/^Auth token is not a valid JWT: /);
    }
  });

  it('rejects a signed payload that is not a JSON object with AuthMalformed', async () => {
    const token = await new CompactSign(new TextEncoder().encode('"just a string"'))
      .setProtectedHeader({ alg: 'HS256' })
      .sign(key);
    const error = await rejection(verifier.verify(token));
    expect(error.code).toBe(ErrorCode.AuthMalformed);
    expect(error.message).toMatch(/Claims Set must be a top-level JSON object/);
  });

  it('rejects alg "none" with AuthMalformed, naming the algorithm', async () => {
    const error = await rejection(verifier.verify(unsigned({ sub: 'u1', rooms: { '*': 'admin' } })));
    expect(error.code).toBe(ErrorCode.AuthMalformed);
    expect(error.message).toBe('Auth token uses algorithm "none"; accepted: HS256');
  });

  it('rejects other algorithms (HS512, RS256) with AuthMalformed', async () => {
    const hs512 = await sign({ sub: 'u1' }, 'HS512');
    expect((await rejection(verifier.verify(hs512))).message).toMatch(/algorithm "HS512"/);
    const { privateKey } = await generateKeyPair('RS256');
    const rs256 = await new SignJWT({ sub: 'u1' }).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
    const error = await rejection(verifier.verify(rs256));
    expect(error.code).toBe(ErrorCode.AuthMalformed);
    expect(error.message).toMatch(/algorithm "RS256"; accepted: HS256/);
  });

  it('rejects an expired token with AuthExpired, saying when it expired', async () => {
    const exp = now() - 3600;
    const error = await rejection(verifier.verify(await sign({ sub: 'u1', exp })));
    expect(error.code).toBe(ErrorCode.AuthExpired);
    expect(error.message).toContain(`expired at ${new Date(exp * 1000).toISOString()}`);
    expect(error.message).toMatch(/\(36\d\ds ago\)/);
  });

  it('applies the clock tolerance (default 5 s)', async () => {
    const token = await sign({ sub: 'u1', exp: now() - 2 });
    await expect(verifier.verify(token)).resolves.toMatchObject({ user: { id: 'u1' } });
    const strict = createTokenVerifier({ secret: SECRET, clockToleranceSec: 0 });
    expect((await rejection(strict.verify(token))).code).toBe(ErrorCode.AuthExpired);
  });

  it('rejects a token signed with another secret with AuthBadSignature', async () => {
    const token = await sign({ sub: 'u1' }, 'HS256', new TextEncoder().encode('another-secret'));
    const error = await rejection(verifier.verify(token));
    expect(error.code).toBe(ErrorCode.AuthBadSignature);
    expect(error.message).toBe('Auth token signature does not verify with the configured secret');
  });

  it('checks the signature before expiry', async () => {
    const token = await sign({ sub: 'u1', exp: now() - 3600 }, 'HS256', new TextEncoder().encode('other'));
    expect((await rejection(verifier.verify(token))).code).toBe(ErrorCode.AuthBadSignature);
  });

  it('rejects well-signed tokens whose claims fail the schema with AuthInvalidClaims', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ name: 'no subject' }, /^Auth token claim "sub" is invalid/],
      [{ sub: 'u1', rooms: { 'idea:42': 'superuser' } }, /^Auth token claim "rooms\.idea:42" is invalid/],
      [{ sub: 'u1', tenants: [{ companyId: 'acme', role: 'editor' }] }, /claim "tenants\.0\.role"/],
      [{ sub: 'u1', color: 'url(javascript:x)' }, /claim "color"/],
    ];
    for (const [payload, message] of cases) {
      const error = await rejection(verifier.verify(await sign(payload)));
      expect(error.code).toBe(ErrorCode.AuthInvalidClaims);
      expect(error.message).toMatch(message);
    }
  });

  it('rejects a token that is not yet valid (nbf) with AuthInvalidClaims', async () => {
    const error = await rejection(verifier.verify(await sign({ sub: 'u1', nbf: now() + 3600 })));
    expect(error.code).toBe(ErrorCode.AuthInvalidClaims);
    expect(error.message).toMatch(/claim "nbf"/);
  });

  it('checks issuer and audience when configured', async () => {
    const strict = createTokenVerifier({
      secret: SECRET,
      issuer: 'https://id.example',
      audience: 'ensemble',
    });
    const good = await sign({ sub: 'u1', iss: 'https://id.example', aud: 'ensemble' });
    await expect(strict.verify(good)).resolves.toMatchObject({ user: { id: 'u1' } });

    const wrongIss = await rejection(strict.verify(await sign({ sub: 'u1', iss: 'evil', aud: 'ensemble' })));
    expect(wrongIss.code).toBe(ErrorCode.AuthInvalidClaims);
    expect(wrongIss.message).toMatch(/claim "iss"/);
    const noAud = await rejection(strict.verify(await sign({ sub: 'u1', iss: 'https://id.example' })));
    expect(noAud.code).toBe(ErrorCode.AuthInvalidClaims);
    expect(noAud.message).toMatch(/claim "aud".*missing/);
  });
});

describe('createTokenVerifier options', () => {
  it('requires exactly one of secret and jwksUrl', () => {
    const neither = thrown(() => createTokenVerifier({}));
    expect(neither.code).toBe(ErrorCode.Config);
    expect(neither.message).toMatch(/secret \(HS256\) or a JWKS URL is required/);
    expect(thrown(() => createTokenVerifier({ secret: '' })).code).toBe(ErrorCode.Config);
    const both = thrown(() => createTokenVerifier({ secret: 's', jwksUrl: 'https://x.example/jwks' }));
    expect(both.code).toBe(ErrorCode.Config);
    expect(both.message).toMatch(/not both/);
  });

  it('validates the JWKS URL and numeric options', () => {
    expect(thrown(() => createTokenVerifier({ jwksUrl: 'not a url' })).message).toMatch(/not a valid URL/);
    expect(thrown(() => createTokenVerifier({ jwksUrl: 'file:///etc/jwks' })).message).toMatch(
      /must be http\(s\)/,
    );
    const tolerance = thrown(() => createTokenVerifier({ secret: 's', clockToleranceSec: -1 }));
    expect(tolerance.code).toBe(ErrorCode.Config);
    expect(tolerance.message).toMatch(/clockToleranceSec/);
  });
});
