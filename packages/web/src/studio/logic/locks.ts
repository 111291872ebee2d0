import type { LockInfo, Region } from '@ensemble/client';
import type { GraphNode } from '@ensemble/client/studio';

/** What the graph shows on a node: who holds it and whether I may change it. */
export interface NodeLock {
  userId: string;
  name: string;
  kind: LockInfo['kind'];
  mine: boolean;
  /** The holder's colour, filled in by the view from presence. */
  color?: string;
}

/** Approximate node size in flow coordinates, for "is this node inside a region". */
export const NODE_SIZE = { width: 180, height: 90 };

function inside(region: Region, node: Pick<GraphNode, 'x' | 'y'>): boolean {
  const cx = node.x + NODE_SIZE.width / 2;
  const cy = node.y + NODE_SIZE.height / 2;
  return cx >= region.x && cx <= region.x + region.width && cy >= region.y && cy <= region.y + region.height;
}

/**
 * The lock that matters for a node: its own `node:<id>` lock (soft or hard), else a region lock
 * whose rectangle contains it. Someone else's lock wins over mine, so a node never looks editable
 * when someone else holds it.
 */
export function lockForNode(
  node: Pick<GraphNode, 'id' | 'x' | 'y'>,
  locks: LockInfo[],
  myUserId: string,
  resourcePrefix = 'node:',
): NodeLock | null {
  const relevant = locks.filter(
    (l) =>
      l.resource === `${resourcePrefix}${node.id}` ||
      (l.kind === 'region' && l.region && inside(l.region, node)),
  );
  const theirs = relevant.find((l) => l.owner.userId !== myUserId);
  const pick = theirs ?? relevant[0];
  return pick
    ? {
        userId: pick.owner.userId,
        name: pick.owner.name,
        kind: pick.kind,
        mine: pick.owner.userId === myUserId,
      }
    : null;
}

/** The rectangle around some nodes, with a margin, for a region lock. */
export function regionAround(nodes: Pick<GraphNode, 'x' | 'y'>[], margin = 24): Region | null {
  if (nodes.length === 0) return null;
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const x = Math.min(...xs) - margin;
  const y = Math.min(...ys) - margin;
  return {
    x,
    y,
    width: Math.max(...xs) + NODE_SIZE.width + margin - x,
    height: Math.max(...ys) + NODE_SIZE.height + margin - y,
  };
}

/** `?lockIdleMs=500` (tests, demos) or the default 8 s. */
export function lockIdleMsFrom(search: string, fallback: number): number {
  const raw = new URLSearchParams(search).get('lockIdleMs');
  const value = raw === null ? Number.NaN : Number(raw);
  return Number.isFinite(value) && value >= 100 && value <= 600_000 ? value : fallback;
}
