import { describe, expect, it } from 'vitest';
import { isReservedHost } from './ProductThumb';

describe('isReservedHost', () => {
  it('recognises RFC 2606 names and bad URLs, and lets real hosts through', () => {
    expect(isReservedHost('https://cdn.shop.test/img/a.jpg')).toBe(true);
    expect(isReservedHost('https://media.example.com/x.png')).toBe(true);
    expect(isReservedHost('not a url')).toBe(true);
    expect(isReservedHost('https://static.roland.com/a.jpg')).toBe(false);
  });
});
