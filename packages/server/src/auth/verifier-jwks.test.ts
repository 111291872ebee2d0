import { ErrorCode } from '@ensemble/protocol';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type JwksServer, startJwksServer, unreachableUrl } from './test-support/jwks-server.js';
import { rejection } from './test-support/rejection.js';
import { createTokenVerifier } from './verifier.js';

interface TestKey {
  alg: string;
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function makeKey(alg: 'RS256' | 'ES256' | 'EdDSA', kid: string): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { alg, kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

function sign(key: TestKey, payload: Record<string, unknown>, header: { kid?: string } = { kid: key.kid }) {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: key.alg, ...header })
    .setExpirationTime('10m')
    .sign(key.privateKey);
}

describe('createTokenVerifier (JWKS)', () => {
  let rsa: TestKey;
  let ec: TestKey;
  let ed: TestKey;
  let stranger: TestKey;
  let server: JwksServer | undefined;

  beforeAll(async () => {
    [rsa, ec, ed, stranger] = await Promise.all([
      makeKey('RS256', 'rsa-1'),
      makeKey('ES256', 'ec-1'),
      makeKey('EdDSA', 'ed-1'),
      makeKey('RS256', 'rsa-1'), // same kid as `rsa`, different key
    ]);
  });

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('verifies RS256, ES256 and EdDSA tokens against a served JWKS, fetching it once', async () => {
    server = await startJwksServer({ keys: [rsa.jwk, ec.jwk, ed.jwk] });
    const verifier = createTokenVerifier({ jwksUrl: server.url });
    for (const key of [rsa, ec, ed]) {
      const principal = await verifier.verify(
        await sign(key, { sub: `user-${key.alg}`, rooms: { '*': 'viewer' } }),
      );
      expect(principal.user).toEqual({ id: `user-${key.alg}`, name: `user-${key.alg}` });
      expect(principal.rooms).toEqual([{ pattern: '*', role: 'viewer' }]);
    }
    expect(server.requests()).toBe(1);
  });

  it('tries every candidate key when the token has no kid and several keys match', async () => {
    const second = await makeKey('RS256', 'rsa-2');
    server = await startJwksServer({ keys: [second.jwk, rsa.jwk] });
    const verifier = createTokenVerifier({ jwksUrl: server.url });
    const token = await sign(rsa, { sub: 'u1' }, {});
    await expect(verifier.verify(token)).resolves.toMatchObject({ user: { id: 'u1' } });

    const forged = await sign(stranger, { sub: 'u1' }, {});
    expect((await rejection(verifier.verify(forged))).code).toBe(ErrorCode.AuthBadSignature);
  });

  it('rejects a token whose kid is not in the JWKS with AuthBadSignature', async () => {
    server = await startJwksServer({ keys: [rsa.jwk] });
    const verifier = createTokenVerifier({ jwksUrl: server.url });
    const error = await rejection(verifier.verify(await sign(rsa, { sub: 'u1' }, { kid: 'rotated-away' })));
    expect(error.code).toBe(ErrorCode.AuthBadSignature);
    expect(error.message).toBe(
      `Auth token signature does not verify: no key in the JWKS at ${server.url} matches "kid" "rotated-away"`,
    );
  });

  it('rejects a token signed by another key under a known kid with AuthBadSignature', async () => {
    server = await startJwksServer({ keys: [rsa.jwk] });
    const verifier = createTokenVerifier({ jwksUrl: server.url });
    const error = await rejection(verifier.verify(await sign(stranger, { sub: 'u1' })));
    expect(error.code).toBe(ErrorCode.AuthBadSignature);
    expect(error.message).toBe(`Auth token signature does not verify with the JWKS at ${server.url}`);
  });

  it('refuses HS256 tokens (no algorithm confusion) without fetching keys', async () => {
    server = await startJwksServer({ keys: [rsa.jwk] });
    const verifier = createTokenVerifier({ jwksUrl: server.url });
    const token = await new SignJWT({ sub: 'u1' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('guess'));
    const error = await rejection(verifier.verify(token));
    expect(error.code).toBe(ErrorCode.AuthMalformed);
    expect(error.message).toMatch(/algorithm "HS256"; accepted: RS256, .*ES256, .*EdDSA/);
    expect(server.requests()).toBe(0);
  });

  it('maps an unreachable JWKS URL to AuthUnavailable', async () => {
    const url = await unreachableUrl();
    const verifier = createTokenVerifier({ jwksUrl: url });
    const error = await rejection(verifier.verify(await sign(rsa, { sub: 'u1' })));
    expect(error.code).toBe(ErrorCode.AuthUnavailable);
    expect(error.message).toMatch(
      /^Could not load signing keys from the JWKS at http:\/\/127\.0\.0\.1:\d+\/\.well-known\/jwks\.json: /,
    );
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('maps a failing JWKS endpoint (HTTP 500) to AuthUnavailable', async () => {
    server = await startJwksServer({ status: 500 });
    const error = await rejection(
      createTokenVerifier({ jwksUrl: server.url }).verify(await sign(rsa, { sub: 'u1' })),
    );
    expect(error.code).toBe(ErrorCode.AuthUnavailable);
    expect(error.message).toMatch(/Expected 200 OK/);
  });

  it('maps a JWKS endpoint that never answers to AuthUnavailable after the timeout', async () => {
    server = await startJwksServer('hang');
    const verifier = createTokenVerifier({ jwksUrl: server.url, jwksTimeoutMs: 200 });
    const error = await rejection(verifier.verify(await sign(rsa, { sub: 'u1' })));
    expect(error.code).toBe(ErrorCode.AuthUnavailable);
    expect(error.message).toMatch(/request timed out$/);
  });

  it('reports a malformed token as malformed even when the JWKS is unreachable', async () => {
    const verifier = createTokenVerifier({ jwksUrl: await unreachableUrl() });
    expect((await rejection(verifier.verify('a.b.c'))).code).toBe(ErrorCode.AuthMalformed);
  });
});
