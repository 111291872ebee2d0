import type { ActivitySummary, UserActivitySummary } from '@ensemble/protocol';
import type { ActivityCount } from '../../persistence/activity-store.js';

export type { ActivitySummary, UserActivitySummary } from '@ensemble/protocol';

const UNITS: [ms: number, one: string, many: string][] = [
  [86_400_000, 'day', 'days'],
  [3_600_000, 'h', 'h'],
  [60_000, 'min', 'min'],
  [1_000, 's', 's'],
];

/** `300000` → `5 min`, `3600000` → `1 h`, `5400000` → `90 min`, `172800000` → `2 days`. */
export function formatWindow(ms: number): string {
  for (const [unit, one, many] of UNITS) {
    if (ms >= unit && ms % unit === 0) {
      const n = ms / unit;
      return `${n} ${n === 1 ? one : many}`;
    }
  }
  if (ms >= 60_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.max(1, Math.round(ms / 1000))} s`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Builds per-user summaries from store counts (pure; the clock is the caller's). */
export function summarize(counts: ActivityCount[], windowMs: number, now: number): ActivitySummary {
  const users = new Map<string, UserActivitySummary>();
  for (const c of counts) {
    const u = users.get(c.userId) ?? {
      userId: c.userId,
      userName: c.userName,
      edits: 0,
      messages: 0,
      saves: 0,
      locks: 0,
      runs: 0,
      builds: 0,
      lastActiveAt: c.lastAt,
      text: '',
    };
    if (c.type === 'edited') u.edits += c.edits;
    else if (c.type === 'chat') u.messages += c.entries;
    else if (c.type === 'saved') u.saves += c.entries;
    else if (c.type === 'locked') u.locks += c.entries;
    else if (c.type === 'run') u.runs += c.entries;
    else if (c.type === 'build') u.builds += c.entries;
    if (c.lastAt > u.lastActiveAt) u.lastActiveAt = c.lastAt;
    users.set(c.userId, u);
  }
  const window = formatWindow(windowMs);
  const list = [...users.values()];
  for (const u of list) {
    const parts = [
      u.edits && plural(u.edits, 'edit'),
      u.messages && plural(u.messages, 'message'),
      u.saves && plural(u.saves, 'version saved', 'versions saved'),
      u.locks && plural(u.locks, 'lock'),
      u.runs && plural(u.runs, 'run'),
      u.builds && plural(u.builds, 'build event'),
    ].filter(Boolean);
    u.text =
      parts.length > 0
        ? `${u.userName}: ${parts.join(', ')} in the last ${window}`
        : `${u.userName}: present, no edits in the last ${window}`;
  }
  list.sort(
    (a, b) =>
      b.edits - a.edits ||
      b.messages + b.saves + b.runs + b.builds - (a.messages + a.saves + a.runs + a.builds) ||
      a.userName.localeCompare(b.userName),
  );
  return {
    windowMs,
    since: new Date(now - windowMs).toISOString(),
    users: list,
    text: list.length > 0 ? list.map((u) => u.text).join('; ') : `No activity in the last ${window}`,
  };
}
