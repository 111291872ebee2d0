import type { LogLine } from '@ensemble/client/studio';
import { describe, expect, it } from 'vitest';
import { countByLevel, filterLines } from './consoleFilter';
import { authorName, indexOfSeq, summarize } from './history';
import { formatTime, playheadAt } from './playhead';
import { normalizeRoomName } from './roomName';
import { nextTabIndex } from './tabs';

const by = { userId: 'ana', name: 'Ana' };
const line = (level: LogLine['level'], text: string): LogLine => ({ id: text, level, text, at: '', by });

describe('panel logic', () => {
  it('filters console lines by level and text (or author)', () => {
    const lines = [line('log', 'Boot'), line('warn', 'Slow shader'), line('error', 'Missing texture')];
    expect(filterLines(lines, 'warn', '').map((l) => l.text)).toEqual(['Slow shader']);
    expect(filterLines(lines, 'all', 'TEX').map((l) => l.text)).toEqual(['Missing texture']);
    expect(filterLines(lines, 'all', 'ana')).toHaveLength(3);
    expect(countByLevel(lines)).toEqual({ log: 1, info: 0, warn: 1, error: 1 });
  });

  it('moves the playhead while playing, looping at the end (injected clock)', () => {
    const paused = { time: 3, playing: false, by: null, at: null };
    expect(playheadAt(paused, 0, 99_000)).toBe(3);
    const playing = { ...paused, playing: true };
    expect(playheadAt(playing, 1_000, 3_500)).toBeCloseTo(5.5);
    expect(playheadAt(playing, 0, 9_000, 10)).toBeCloseTo(2);
    expect(formatTime(3.256)).toBe('3.25 s');
  });

  it('walks tabs with arrows, Home and End', () => {
    expect(nextTabIndex('ArrowRight', 2, 3)).toBe(0);
    expect(nextTabIndex('ArrowLeft', 0, 3)).toBe(2);
    expect(nextTabIndex('End', 0, 3)).toBe(2);
    expect(nextTabIndex('Home', 2, 3)).toBe(0);
    expect(nextTabIndex('a', 0, 3)).toBeNull();
  });

  it('normalizes room names', () => {
    expect(normalizeRoomName('  My Scene! ')).toEqual({ ok: true, name: 'my-scene' });
    expect(normalizeRoomName('!!!')).toMatchObject({ ok: false });
    expect(normalizeRoomName('x'.repeat(80))).toMatchObject({ ok: false });
  });

  it('summarizes history by author in bursts and names authors', () => {
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
    const entries = [
      { seq: 1, at: at(0), author: 'ana', bytes: 1 },
      { seq: 2, at: at(1), author: 'ana', bytes: 1 },
      { seq: 5, at: at(2), author: 'bo', bytes: 1 },
      { seq: 9, at: at(40), author: 'bo', bytes: 1 },
    ];
    expect(summarize(entries).map((g) => [g.author, g.count])).toEqual([
      ['bo', 1],
      ['bo', 1],
      ['ana', 2],
    ]);
    expect(indexOfSeq(entries, 6)).toBe(2);
    expect(indexOfSeq(entries, 0)).toBe(-1);
    const names = new Map([['ana', 'Ana']]);
    expect([authorName('ana', names), authorName('dev-1234567890', names)]).toEqual(['Ana', 'user 123456']);
  });
});
