/**
 * Calendar grids as plain date keys (`YYYY-MM-DD`), computed with UTC arithmetic so that DST
 * never shifts a day; posts are bucketed by the wall-clock date of their time in the viewer's zone.
 */
import { instantToZoned } from './zonedTime';

export type CalendarMode = 'week' | 'month';

const DAY_MS = 86_400_000;

const toKey = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const fromKey = (key: string) => Date.parse(`${key}T00:00:00Z`);

/** Monday of the week containing `key`. */
export function startOfWeek(key: string): string {
  const ms = fromKey(key);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday = 0
  return toKey(ms - weekday * DAY_MS);
}

export function addDays(key: string, days: number): string {
  return toKey(fromKey(key) + days * DAY_MS);
}

export function addMonths(key: string, months: number): string {
  const d = new Date(fromKey(key));
  return toKey(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
}

/** Weeks (rows of 7 keys, Monday first) covering the week or the whole month of `anchor`. */
export function calendarWeeks(anchor: string, mode: CalendarMode): string[][] {
  if (mode === 'week') {
    const start = startOfWeek(anchor);
    return [Array.from({ length: 7 }, (_, i) => addDays(start, i))];
  }
  const first = `${anchor.slice(0, 7)}-01`;
  const nextMonth = addMonths(first, 1);
  const weeks: string[][] = [];
  for (let start = startOfWeek(first); start < nextMonth; start = addDays(start, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(start, i)));
  }
  return weeks;
}

/** Groups items by the day their instant falls on in `timeZone`. */
export function byDay<T>(items: readonly T[], instantOf: (item: T) => string | null, timeZone: string) {
  const days = new Map<string, T[]>();
  for (const item of items) {
    const at = instantOf(item);
    if (!at) continue;
    const key = instantToZoned(at, timeZone).slice(0, 10);
    days.set(key, [...(days.get(key) ?? []), item]);
  }
  return days;
}
