import type { Other, PresenceStatus } from '@ensemble/client';

/** Where a pointer is: a panel and a position inside it as fractions of its size (layout-independent). */
export interface Pointer {
  panel: string;
  x: number;
  y: number;
}

/** Someone else in the room, read from their awareness state. */
export interface Peer {
  clientId: number;
  userId: string;
  name: string;
  color: string;
  status: PresenceStatus;
  pointer: Pointer | null;
}

const STATUSES: readonly PresenceStatus[] = ['editing', 'idle', 'running', 'away'];
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function pointerOf(v: unknown): Pointer | null {
  if (!isRecord(v) || typeof v.panel !== 'string') return null;
  const { x, y } = v;
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y))
    return null;
  return { panel: v.panel, x: Math.min(1, Math.max(0, x)), y: Math.min(1, Math.max(0, y)) };
}

/** Others with a `user` in their presence; tolerant of anything a plain y-websocket client sends. */
export function readPeers(others: Other[]): Peer[] {
  const peers: Peer[] = [];
  for (const { clientId, presence } of others) {
    const user = presence.user;
    if (!user?.name) continue;
    peers.push({
      clientId,
      userId: user.id ?? String(clientId),
      name: user.name,
      color: typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#888888',
      status: STATUSES.includes(presence.status as PresenceStatus)
        ? (presence.status as PresenceStatus)
        : 'idle',
      pointer: pointerOf(presence.pointer),
    });
  }
  return peers;
}

/** At most `limit` cursors are drawn; the rest are summarised ("+3 more"). */
export const MAX_CURSORS = 16;

export function visibleCursors(peers: Peer[], limit = MAX_CURSORS): { shown: Peer[]; hidden: number } {
  const withPointer = peers.filter((p) => p.pointer !== null);
  return { shown: withPointer.slice(0, limit), hidden: Math.max(0, withPointer.length - limit) };
}

/** One avatar per user (a user with two tabs appears once), the most active status winning. */
export function avatars(peers: Peer[]): Peer[] {
  const rank: Record<PresenceStatus, number> = { running: 0, editing: 1, idle: 2, away: 3 };
  const byUser = new Map<string, Peer>();
  for (const peer of peers) {
    const seen = byUser.get(peer.userId);
    if (!seen || rank[peer.status] < rank[seen.status]) byUser.set(peer.userId, peer);
  }
  return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** How long after the last edit someone still counts as editing. */
export const EDITING_WINDOW_MS = 5_000;

export function deriveStatus(lastEditAt: number | null, now: number, hidden: boolean): PresenceStatus {
  if (hidden) return 'away';
  return lastEditAt !== null && now - lastEditAt < EDITING_WINDOW_MS ? 'editing' : 'idle';
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? `${parts[0]![0]}${parts.at(-1)![0]}` : (parts[0]?.slice(0, 2) ?? '?');
  return letters.toUpperCase();
}
