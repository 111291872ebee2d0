import type { PresenceStatus } from '@ensemble/protocol';

export type { PresenceStatus } from '@ensemble/protocol';
export { PRESENCE_STATUSES } from '@ensemble/protocol';

export interface PresenceTimings {
  /** No edit (or typing) for this long: `editing` → `idle`. Default 60 s. */
  idleAfterMs: number;
  /** No activity at all for this long: `away` (whatever the user set). Default 5 min. */
  awayAfterMs: number;
  /** No activity at all for this long: dropped from the presence list until active again. Default 30 min. */
  removeAfterMs: number;
  /** A typing indicator not renewed for this long goes out. Default 5 s. */
  typingTimeoutMs: number;
}

export const DEFAULT_PRESENCE_TIMINGS: PresenceTimings = {
  idleAfterMs: 60_000,
  awayAfterMs: 5 * 60_000,
  removeAfterMs: 30 * 60_000,
  typingTimeoutMs: 5_000,
};

/** What the server knows about one user's activity in a room. */
export interface ActivityMarks {
  /** Set by the client (`setStatus`); null when the status is derived. */
  manual: PresenceStatus | null;
  lastActiveAt: number;
  lastEditAt: number | null;
  typingUntil: number | null;
}

/**
 * A user's status at `now`, or `gone` when inactive long enough to leave the presence list.
 * Inactivity wins over a status the user set (a forgotten `running` becomes `away`); otherwise the
 * user's choice wins; otherwise recent edits or typing mean `editing`, anything else `idle`.
 */
export function deriveStatus(marks: ActivityMarks, now: number, t: PresenceTimings): PresenceStatus | 'gone' {
  const inactive = now - marks.lastActiveAt;
  if (inactive >= t.removeAfterMs) return 'gone';
  if (inactive >= t.awayAfterMs) return 'away';
  if (marks.manual) return marks.manual;
  if (marks.typingUntil !== null && marks.typingUntil > now) return 'editing';
  if (marks.lastEditAt !== null && now - marks.lastEditAt < t.idleAfterMs) return 'editing';
  return 'idle';
}

/** The next moment `deriveStatus` (or the typing indicator) can change without new input, or null. */
export function nextChangeAt(marks: ActivityMarks, now: number, t: PresenceTimings): number | null {
  const candidates = [marks.lastActiveAt + t.awayAfterMs, marks.lastActiveAt + t.removeAfterMs];
  if (marks.lastEditAt !== null) candidates.push(marks.lastEditAt + t.idleAfterMs);
  if (marks.typingUntil !== null) candidates.push(marks.typingUntil);
  const future = candidates.filter((at) => at > now);
  return future.length > 0 ? Math.min(...future) : null;
}
