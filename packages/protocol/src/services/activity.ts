/**
 * What the `activity` room service sends: stream entries, pages of them, and per-user summaries. The
 * server produces these shapes and the client SDK receives them, so they live here once.
 */

/** One line of a room's activity stream, as stored and as clients see it. */
export interface ActivityEntry {
  id: string;
  /** `joined`, `left`, `edited`, `saved`, `restored`, `locked`, `unlocked`, `chat`, `run`, `build`… */
  type: string;
  userId: string;
  userName: string;
  /** Small JSON detail: `{ edits }` for `edited`, `{ resource, kind }` for locks, `{ name }` for `saved`… */
  data: Record<string, unknown>;
  /** ISO time the entry started. */
  at: string;
  /** ISO time of the last thing it covers (a coalesced `edited` entry's last edit); `at` otherwise. */
  until: string;
}

export interface ActivityPage {
  /** Newest first. */
  entries: ActivityEntry[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  next: string | null;
}

/** What one user did in a window, with a sentence for people: "Ana: 12 edits in the last 5 min". */
export interface UserActivitySummary {
  userId: string;
  userName: string;
  edits: number;
  messages: number;
  saves: number;
  locks: number;
  runs: number;
  builds: number;
  lastActiveAt: string;
  /** "Ana: 12 edits in the last 5 min" */
  text: string;
}

export interface ActivitySummary {
  windowMs: number;
  since: string;
  /** Most active first (edits, then everything else). */
  users: UserActivitySummary[];
  /** All users' sentences joined, or "No activity in the last 5 min". */
  text: string;
}
