import type { AcquireResult, LockInfo } from '@ensemble/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleLocks } from './idleLocks';

const lock = (resource: string, userId = 'me'): LockInfo => ({
  resource,
  kind: 'soft',
  owner: { userId, name: userId, connectionId: 'c' },
  token: 1,
  acquiredAt: 0,
  expiresAt: null,
  region: null,
});

describe('IdleLocks', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const setup = (answer: (resource: string) => AcquireResult = (r) => ({ granted: true, lock: lock(r) })) => {
    const acquired: string[] = [];
    const released: string[] = [];
    const locks = new IdleLocks({
      acquire: async (r) => {
        acquired.push(r);
        return answer(r);
      },
      release: async (r) => {
        released.push(r);
      },
      idleMs: 8_000,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    });
    return { locks, acquired, released };
  };

  it('takes the lock on the first edit and releases it after 8 s without edits', async () => {
    const { locks, acquired, released } = setup();
    expect((await locks.touch('node:1')).granted).toBe(true);
    vi.advanceTimersByTime(5_000);
    await locks.touch('node:1'); // still editing: timer restarts, no second acquire
    vi.advanceTimersByTime(7_999);
    expect(released).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(released).toEqual(['node:1']);
    expect(acquired).toEqual(['node:1']);
    expect(locks.holds('node:1')).toBe(false);
  });

  it('shares one acquire between concurrent edits and reports a lock held by someone else', async () => {
    const { locks, acquired } = setup((r) => ({ granted: false, heldBy: lock(r, 'ana') }));
    const [a, b] = await Promise.all([locks.touch('node:2'), locks.touch('node:2')]);
    expect(acquired).toEqual(['node:2']);
    expect(a.granted || b.granted).toBe(false);
    if (!a.granted) expect(a.heldBy.owner.userId).toBe('ana');
    expect(locks.holds('node:2')).toBe(false);
  });

  it('forgets a lock that became a hard lock, and releases everything on leave', async () => {
    const { locks, released } = setup();
    await locks.touch('a');
    await locks.touch('b');
    locks.forget('a');
    vi.advanceTimersByTime(10_000);
    expect(released).toEqual(['b']);
    await locks.touch('c');
    locks.releaseAll();
    expect(released).toEqual(['b', 'c']);
  });
});
