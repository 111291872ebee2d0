/**
 * Room access from token grants. A grant pairs a room pattern with a role; `*` in a pattern matches
 * any run of characters (including none, and including `:`), every other character is literal.
 * Names are compared exactly as given (UTF-16 code units, no Unicode normalization).
 */
import type { Principal, Role } from './claims.js';

export type Action = 'read' | 'chat' | 'edit' | 'admin';

const RANK: Record<Role, number> = { viewer: 0, commenter: 1, editor: 2, admin: 3 };

/** The weakest role allowed to perform each action. */
const MINIMUM_ROLE: Record<Action, Role> = {
  read: 'viewer',
  chat: 'commenter',
  edit: 'editor',
  admin: 'admin',
};

/** Orders roles: negative when `a` is weaker than `b`, 0 when equal, positive when stronger. */
export function compareRoles(a: Role, b: Role): number {
  return RANK[a] - RANK[b];
}

/**
 * Whether `room` matches `pattern`. Implemented by splitting the pattern on `*` and finding each
 * literal piece in order (leftmost match is always safe for `*`-only globs), rather than compiling a
 * RegExp: nothing to escape, so names full of regex metacharacters (`a.b+c`, `(x)`, `[y]`) are plain
 * text, and it runs in O(pattern × room) with no catastrophic backtracking on patterns like `*a*a*a*b`.
 */
export function matchesRoomPattern(pattern: string, room: string): boolean {
  const pieces = pattern.split('*');
  if (pieces.length === 1) return pattern === room;
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  if (room.length < first.length + last.length) return false;
  if (!room.startsWith(first) || !room.endsWith(last)) return false;
  let cursor = first.length;
  const end = room.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i]!;
    if (piece === '') continue;
    const at = room.indexOf(piece, cursor);
    if (at === -1 || at + piece.length > end) return false;
    cursor = at + piece.length;
  }
  return true;
}

/**
 * The role `principal` holds in `room`, or `null` when no grant matches. When several patterns
 * match (say `project:*` → viewer and `project:42` → editor) the HIGHEST role wins: grants are
 * additive, each one gives rights and none takes them away, so a broad read-only grant must not
 * shadow a narrower stronger one. (To restrict a user, issue fewer or weaker grants.)
 */
export function roleForRoom(principal: Pick<Principal, 'rooms'>, room: string): Role | null {
  let best: Role | null = null;
  for (const grant of principal.rooms) {
    if (best !== null && compareRoles(grant.role, best) <= 0) continue;
    if (matchesRoomPattern(grant.pattern, room)) best = grant.role;
  }
  return best;
}

/** Whether `principal` holds at least `minimum` in `room` (viewer < commenter < editor < admin). */
export function hasRole(principal: Pick<Principal, 'rooms'>, room: string, minimum: Role): boolean {
  const role = roleForRoom(principal, room);
  return role !== null && compareRoles(role, minimum) >= 0;
}

/** Whether `role` allows `action`: viewer reads; commenter also chats; editor also edits; admin all. */
export function can(role: Role | null, action: Action): boolean {
  return role !== null && compareRoles(role, MINIMUM_ROLE[action]) >= 0;
}
