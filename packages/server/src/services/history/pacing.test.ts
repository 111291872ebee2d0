import { describe, expect, it } from 'vitest';
import { MAX_REPLAY_GAP_MS, replayDelays } from './pacing.js';

describe('replayDelays', () => {
  const t = (ms: number) => new Date(1_700_000_000_000 + ms);

  it('keeps the original gaps divided by the speed', () => {
    expect(replayDelays([t(0), t(100), t(400), t(450)], 1)).toEqual([0, 100, 300, 50]);
    expect(replayDelays([t(0), t(100), t(400), t(450)], 4)).toEqual([0, 25, 75, 12.5]);
  });

  it('caps idle stretches and never goes negative', () => {
    expect(replayDelays([t(0), t(3_600_000), t(3_599_000)], 2)).toEqual([0, MAX_REPLAY_GAP_MS / 2, 0]);
  });
});
