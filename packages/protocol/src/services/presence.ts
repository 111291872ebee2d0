/**
 * What the `presence` room service sends: one entry per user with a status and a typing indicator.
 * The server produces these shapes and the client SDK receives them, so they live here once.
 */

export const PRESENCE_STATUSES = ['editing', 'idle', 'running', 'away'] as const;
export type PresenceStatus = (typeof PRESENCE_STATUSES)[number];

/** One user in the room as everyone sees them (one entry however many tabs they have open). */
export interface PresenceUser {
  userId: string;
  userName: string;
  status: PresenceStatus;
  /** `manual` when the user set the status (`setStatus`), `derived` when the server worked it out. */
  source: 'manual' | 'derived';
  /** A document-level typing indicator, e.g. `{ where: 'node:7' }`; null when not typing. */
  typing: { where: string | null } | null;
  connections: number;
  lastActiveAt: string;
  lastEditAt: string | null;
}
