import type { LockInfo } from '@ensemble/client';
import { describe, expect, it } from 'vitest';
import { lockForNode, lockIdleMsFrom, regionAround } from './locks';

const lock = (
  resource: string,
  userId: string,
  kind: LockInfo['kind'] = 'soft',
  region: LockInfo['region'] = null,
): LockInfo => ({
  resource,
  kind,
  owner: { userId, name: userId.toUpperCase(), connectionId: 'c' },
  token: 1,
  acquiredAt: 0,
  expiresAt: null,
  region,
});

describe('graph locks', () => {
  it('finds the node lock, then regions containing the node; someone else’s lock wins', () => {
    const n = { id: 'n1', x: 0, y: 0 };
    expect(lockForNode(n, [], 'me')).toBeNull();
    expect(lockForNode(n, [lock('node:n1', 'ana', 'hard')], 'me')).toEqual({
      userId: 'ana',
      name: 'ANA',
      kind: 'hard',
      mine: false,
    });
    expect(lockForNode(n, [lock('node:n1', 'me')], 'me')?.mine).toBe(true);
    const region = lock('graph:region:r', 'bo', 'region', { x: -10, y: -10, width: 300, height: 200 });
    expect(lockForNode(n, [lock('node:n1', 'me'), region], 'me')).toMatchObject({
      name: 'BO',
      kind: 'region',
      mine: false,
    });
    expect(lockForNode({ id: 'far', x: 1000, y: 1000 }, [region], 'me')).toBeNull();
    expect(lockForNode(n, [lock('shader-node:n1', 'ana')], 'me', 'shader-node:')?.name).toBe('ANA');
  });

  it('draws a region around selected nodes', () => {
    expect(regionAround([])).toBeNull();
    expect(
      regionAround(
        [
          { x: 0, y: 0 },
          { x: 100, y: 50 },
        ],
        10,
      ),
    ).toEqual({ x: -10, y: -10, width: 300, height: 160 });
  });

  it('reads the idle time from the URL within sane bounds', () => {
    expect(lockIdleMsFrom('?lockIdleMs=1500', 8000)).toBe(1500);
    expect(lockIdleMsFrom('?lockIdleMs=5', 8000)).toBe(8000);
    expect(lockIdleMsFrom('?lockIdleMs=abc', 8000)).toBe(8000);
    expect(lockIdleMsFrom('', 8000)).toBe(8000);
  });
});
