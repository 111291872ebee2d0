import { describe, expect, it } from 'vitest';
import { formatCheckName, formatDatabase, formatUptime } from './format';

describe('formatUptime', () => {
  it.each([
    [0, '0s'],
    [42.7, '42s'],
    [61, '1m 1s'],
    [3723, '1h 2m 3s'],
    [93784, '1d 2h 3m'],
  ])('%s s → %s', (seconds, text) => {
    expect(formatUptime(seconds)).toBe(text);
  });

  it('renders nonsense as a dash', () => {
    expect(formatUptime(-1)).toBe('—');
    expect(formatUptime(Number.NaN)).toBe('—');
  });
});

describe('labels', () => {
  it('names the database kinds', () => {
    expect(formatDatabase('pglite')).toBe('PGlite (embedded)');
    expect(formatDatabase('postgres')).toBe('PostgreSQL');
    expect(formatDatabase('other')).toBe('other');
  });

  it('turns check keys into labels', () => {
    expect(formatCheckName('database')).toBe('Database');
    expect(formatCheckName('pg_boss')).toBe('Pg boss');
    expect(formatCheckName('redisFanout')).toBe('Redis Fanout');
  });
});
