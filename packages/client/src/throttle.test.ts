import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from './throttle.js';

describe('throttle', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs the first call at once and collapses a burst into one trailing call with the latest args', () => {
    const calls: number[] = [];
    const t = throttle((x: number) => calls.push(x), 10);
    for (let i = 1; i <= 50; i++) t(i);
    expect(calls).toEqual([1]);
    vi.advanceTimersByTime(100);
    expect(calls).toEqual([1, 50]);
  });

  it('never exceeds the rate over a long stream (30 Hz for one second of 1 kHz input)', () => {
    const calls: number[] = [];
    const times: number[] = [];
    const t = throttle((x: number) => {
      calls.push(x);
      times.push(Date.now());
    }, 30);
    for (let ms = 0; ms < 1000; ms++) {
      t(ms);
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(100);
    const gaps = times.slice(1).map((time, i) => time - times[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(33);
    expect(calls.length).toBeGreaterThanOrEqual(29);
    expect(calls.at(-1)).toBe(999);
  });

  it('flush delivers the pending value immediately; cancel drops it', () => {
    const calls: string[] = [];
    const t = throttle((x: string) => calls.push(x), 10);
    t('a');
    t('b');
    t.flush();
    expect(calls).toEqual(['a', 'b']);
    t('c');
    t('d');
    t.cancel();
    vi.advanceTimersByTime(500);
    expect(calls).toEqual(['a', 'b']);
  });
});
