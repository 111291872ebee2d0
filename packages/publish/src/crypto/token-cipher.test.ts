import { describe, expect, it } from 'vitest';
import { createTokenCipher, deriveDevKey, parseKey } from './token-cipher.js';

const key = Buffer.alloc(32, 7);

describe('token cipher (AES-256-GCM)', () => {
  const cipher = createTokenCipher(key);

  it('round-trips and never stores the plaintext', () => {
    const sealed = cipher.encrypt('EAAB-secret-token', 'acc-1');
    expect(Buffer.from(sealed).toString('utf8')).not.toContain('EAAB-secret-token');
    expect(cipher.decrypt(sealed, 'acc-1')).toBe('EAAB-secret-token');
  });

  it('uses a fresh IV each time', () => {
    expect(Buffer.from(cipher.encrypt('t', 'a')).equals(Buffer.from(cipher.encrypt('t', 'a')))).toBe(false);
  });

  it('refuses a ciphertext moved to another account (AAD)', () => {
    const sealed = cipher.encrypt('token', 'acc-1');
    expect(() => cipher.decrypt(sealed, 'acc-2')).toThrow(/does not decrypt/);
  });

  it('refuses a tampered ciphertext and a different key', () => {
    const sealed = Buffer.from(cipher.encrypt('token', 'acc-1'));
    sealed[sealed.length - 1]! ^= 1;
    expect(() => cipher.decrypt(sealed, 'acc-1')).toThrow(/does not decrypt/);
    const other = createTokenCipher(Buffer.alloc(32, 8));
    expect(() => other.decrypt(cipher.encrypt('token', 'acc-1'), 'acc-1')).toThrow(/does not decrypt/);
  });

  it('parses hex and base64 keys and rejects wrong lengths', () => {
    expect(parseKey(key.toString('hex')).equals(key)).toBe(true);
    expect(parseKey(key.toString('base64')).equals(key)).toBe(true);
    expect(() => parseKey('c2hvcnQ=')).toThrow(/32 bytes/);
  });

  it('derives a stable dev key from the dev secret', () => {
    expect(deriveDevKey('s').equals(deriveDevKey('s'))).toBe(true);
    expect(deriveDevKey('s').equals(deriveDevKey('t'))).toBe(false);
  });
});
