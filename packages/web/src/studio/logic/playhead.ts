import type { TimelineState } from '@ensemble/client/studio';

export const TIMELINE_SECONDS = 10;

/**
 * Where the playhead is now: the shared time plus, while playing, the time since this client saw
 * the change (its own clock, so clock skew between machines does not matter), looping at the end.
 */
export function playheadAt(
  state: TimelineState,
  seenAtMs: number,
  nowMs: number,
  duration = TIMELINE_SECONDS,
): number {
  const base = Math.min(Math.max(state.time, 0), duration);
  if (!state.playing) return base;
  const elapsed = Math.max(0, nowMs - seenAtMs) / 1000;
  return (base + elapsed) % duration;
}

export function formatTime(seconds: number): string {
  const whole = Math.floor(seconds);
  const hundredths = Math.floor((seconds - whole) * 100);
  return `${whole}.${String(hundredths).padStart(2, '0')} s`;
}
