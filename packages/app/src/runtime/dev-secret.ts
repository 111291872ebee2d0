import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Dev mode signs its local tokens with a random secret kept in the data directory, so tokens survive
 * restarts and `ensemble token` can mint tokens the running dev server accepts.
 */
export function devSecret(dataDir: string): string {
  const path = join(dataDir, 'dev-jwt-secret');
  try {
    const existing = readFileSync(path, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch {
    // first start: create it below
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}
