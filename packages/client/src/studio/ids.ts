const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A short random id (10 base-36 characters, ~51 bits). `crypto.getRandomValues` works in browsers on
 * plain http too, unlike `crypto.randomUUID`, which needs a secure context.
 */
export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  let id = '';
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
  return id;
}
