import { describe, expect, it } from 'vitest';
import { instantToZoned, zonedToInstant } from './zonedTime';

describe('zoned wall-clock times', () => {
  it('reads a wall time in a zone as the right instant, both sides of DST', () => {
    expect(zonedToInstant('2030-01-31T09:00', 'Europe/Paris')).toBe('2030-01-31T08:00:00.000Z');
    expect(zonedToInstant('2030-07-01T09:00', 'Europe/Paris')).toBe('2030-07-01T07:00:00.000Z');
    expect(zonedToInstant('2030-03-10T12:30', 'America/New_York')).toBe('2030-03-10T16:30:00.000Z');
    expect(zonedToInstant('2030-01-31T09:00', 'UTC')).toBe('2030-01-31T09:00:00.000Z');
  });

  it('round-trips through the wall clock of the zone', () => {
    for (const zone of ['Europe/Paris', 'Asia/Kolkata', 'America/Los_Angeles', 'Australia/Sydney']) {
      const local = '2030-10-27T18:45';
      expect(instantToZoned(zonedToInstant(local, zone), zone)).toBe(local);
    }
  });

  it('rejects what is not a local date-time', () => {
    expect(() => zonedToInstant('tomorrow', 'UTC')).toThrow(/not a local date-time/);
  });
});
