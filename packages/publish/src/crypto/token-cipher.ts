import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { EnsembleError, ErrorCode } from '@ensemble/protocol';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/**
 * Encrypts platform access tokens at rest with AES-256-GCM. The account id is bound in as additional
 * authenticated data, so a ciphertext copied onto another account row does not decrypt.
 */
export interface TokenCipher {
  encrypt(plaintext: string, accountId: string): Uint8Array;
  decrypt(ciphertext: Uint8Array, accountId: string): string;
}

/** Accepts 32 bytes as 64 hex characters or base64 (the shapes `openssl rand` prints). */
export function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== KEY_BYTES) {
    throw new EnsembleError(
      ErrorCode.Config,
      `the publish encryption key must be 32 bytes (64 hex characters or base64), got ${key.length} bytes; generate one with: openssl rand -base64 32`,
    );
  }
  return key;
}

/** Dev mode has no configured key: derive a stable one from the persisted dev secret. */
export function deriveDevKey(devSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', devSecret, 'ensemble', 'publish-token-key', KEY_BYTES));
}

export function createTokenCipher(key: Uint8Array): TokenCipher {
  if (key.length !== KEY_BYTES) throw new EnsembleError(ErrorCode.Config, 'token key must be 32 bytes');
  return {
    encrypt(plaintext, accountId) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(accountId, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    decrypt(ciphertext, accountId) {
      const data = Buffer.from(ciphertext);
      if (data.length < 1 + IV_BYTES + TAG_BYTES || data[0] !== VERSION) {
        throw new EnsembleError(ErrorCode.Internal, 'stored token has an unknown format');
      }
      const iv = data.subarray(1, 1 + IV_BYTES);
      const tag = data.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.from(accountId, 'utf8'));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([
          decipher.update(data.subarray(1 + IV_BYTES + TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch (error) {
        throw new EnsembleError(
          ErrorCode.Internal,
          'stored token does not decrypt: the publish encryption key changed, or the row was tampered with',
          { cause: error },
        );
      }
    },
  };
}
