import { describe, expect, it } from 'vitest';
import { addMonths, byDay, calendarWeeks, startOfWeek } from './calendar';

describe('calendar grid', () => {
  it('starts weeks on Monday', () => {
    expect(startOfWeek('2030-01-31')).toBe('2030-01-28');
    expect(startOfWeek('2030-01-28')).toBe('2030-01-28');
    expect(startOfWeek('2030-02-03')).toBe('2030-01-28');
  });

  it('covers a whole month in full weeks', () => {
    const weeks = calendarWeeks('2030-03-15', 'month');
    expect(weeks[0]![0]).toBe('2030-02-25');
    expect(weeks.at(-1)!.at(-1)).toBe('2030-03-31');
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(calendarWeeks('2030-03-15', 'week')).toEqual([
      ['2030-03-11', '2030-03-12', '2030-03-13', '2030-03-14', '2030-03-15', '2030-03-16', '2030-03-17'],
    ]);
  });

  it('moves by months from any day', () => {
    expect(addMonths('2030-01-31', 1)).toBe('2030-02-01');
    expect(addMonths('2030-01-31', -1)).toBe('2029-12-01');
  });

  it('buckets by the wall-clock day in the viewer’s zone', () => {
    const posts = [{ at: '2030-01-31T23:30:00Z' }, { at: null }];
    expect([...byDay(posts, (p) => p.at, 'Europe/Paris').keys()]).toEqual(['2030-02-01']);
    expect([...byDay(posts, (p) => p.at, 'UTC').keys()]).toEqual(['2030-01-31']);
  });
});
