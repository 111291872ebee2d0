/** Idle stretches longer than this are shortened, so a replay never stalls for hours. */
export const MAX_REPLAY_GAP_MS = 2_000;

/**
 * Delay before each replayed update: the original gap divided by `speed`, capped. Pure, so the
 * pacing is tested exactly; the service only sleeps these amounts.
 */
export function replayDelays(times: readonly Date[], speed: number, maxGapMs = MAX_REPLAY_GAP_MS): number[] {
  return times.map((at, i) => {
    if (i === 0) return 0;
    const gap = at.getTime() - times[i - 1]!.getTime();
    return Math.min(Math.max(0, gap), maxGapMs) / speed;
  });
}
