/** One entry of the room's update log, as `history.export()` returns it. */
export interface LogEntry {
  seq: number;
  at: string;
  author: string;
  bytes: number;
}

export const SPEEDS = [1, 4, 16] as const;
export type Speed = (typeof SPEEDS)[number];

/** A readable name for an author id: known people by name, others by a short id. */
export function authorName(author: string, names: ReadonlyMap<string, string>): string {
  const known = names.get(author);
  if (known) return known;
  if (author.startsWith('dev-')) return `user ${author.slice(4, 10)}`;
  return author.length > 16 ? `${author.slice(0, 14)}…` : author;
}

/**
 * Consecutive entries by the same author within `windowMs` collapse into one line ("Ana · 12 edits"),
 * so a drag does not fill the list. Returns the newest first.
 */
export function summarize(
  entries: LogEntry[],
  windowMs = 10_000,
): { author: string; from: number; to: number; count: number; at: string }[] {
  const groups: { author: string; from: number; to: number; count: number; at: string; last: number }[] = [];
  for (const e of entries) {
    const t = Date.parse(e.at);
    const g = groups.at(-1);
    if (g && g.author === e.author && t - g.last <= windowMs) {
      g.to = e.seq;
      g.count++;
      g.last = t;
      g.at = e.at;
    } else {
      groups.push({ author: e.author, from: e.seq, to: e.seq, count: 1, at: e.at, last: t });
    }
  }
  return groups.reverse().map(({ last: _last, ...g }) => g);
}

/** The index in `entries` of the newest entry at or before `seq` (−1 if before all). */
export function indexOfSeq(entries: LogEntry[], seq: number): number {
  let found = -1;
  for (let i = 0; i < entries.length; i++) {
    if (entries[i]!.seq <= seq) found = i;
    else break;
  }
  return found;
}
