import { describe, expect, it } from 'vitest';
import type { Principal, Role } from './claims.js';
import { can, compareRoles, hasRole, matchesRoomPattern, roleForRoom } from './room-grants.js';

function principal(rooms: Record<string, Role>): Pick<Principal, 'rooms'> {
  return { rooms: Object.entries(rooms).map(([pattern, role]) => ({ pattern, role })) };
}

describe('matchesRoomPattern', () => {
  it('matches literal names exactly', () => {
    expect(matchesRoomPattern('idea:42', 'idea:42')).toBe(true);
    expect(matchesRoomPattern('idea:42', 'idea:420')).toBe(false);
    expect(matchesRoomPattern('idea:42', 'xidea:42')).toBe(false);
    expect(matchesRoomPattern('idea:42', 'IDEA:42')).toBe(false);
  });

  it('treats regex metacharacters as plain text', () => {
    expect(matchesRoomPattern('a.b+c', 'a.b+c')).toBe(true);
    expect(matchesRoomPattern('a.b+c', 'axb+c')).toBe(false);
    expect(matchesRoomPattern('a.b+c', 'a.bbc')).toBe(false);
    expect(matchesRoomPattern('(x)|[y]^$?\\d{2}', '(x)|[y]^$?\\d{2}')).toBe(true);
    expect(matchesRoomPattern('(x)|[y]', 'x')).toBe(false);
    expect(matchesRoomPattern('team.?:*', 'team.?:1')).toBe(true);
    expect(matchesRoomPattern('team.?:*', 'teamX:1')).toBe(false);
  });

  it('lets * match any run of characters, including none and colons', () => {
    expect(matchesRoomPattern('project:*', 'project:1')).toBe(true);
    expect(matchesRoomPattern('project:*', 'project:a:b:c')).toBe(true);
    expect(matchesRoomPattern('project:*', 'project:')).toBe(true);
    expect(matchesRoomPattern('project:*', 'project')).toBe(false);
    expect(matchesRoomPattern('project:*', 'other:project:1')).toBe(false);
    expect(matchesRoomPattern('*:doc', 'a:b:doc')).toBe(true);
    expect(matchesRoomPattern('*:doc', 'a:b:doc2')).toBe(false);
  });

  it('matches everything with * alone (and with **)', () => {
    for (const room of ['', 'x', 'project:1', 'a.b+c', '部屋:🎨']) {
      expect(matchesRoomPattern('*', room)).toBe(true);
      expect(matchesRoomPattern('**', room)).toBe(true);
    }
  });

  it('handles several stars, in order and without overlapping the ends', () => {
    expect(matchesRoomPattern('a*b*c', 'abc')).toBe(true);
    expect(matchesRoomPattern('a*b*c', 'a--b--c')).toBe(true);
    expect(matchesRoomPattern('a*b*c', 'a--c--b')).toBe(false);
    expect(matchesRoomPattern('ab*ba', 'aba')).toBe(false);
    expect(matchesRoomPattern('ab*ba', 'abba')).toBe(true);
    expect(matchesRoomPattern('*a*a*a*a*b', `${'a'.repeat(10_000)}`)).toBe(false);
  });

  it('compares unicode names by exact code units', () => {
    expect(matchesRoomPattern('部屋:*', '部屋:設計')).toBe(true);
    expect(matchesRoomPattern('部屋:*', '部:設計')).toBe(false);
    expect(matchesRoomPattern('🎨*🎬', '🎨 scene 🎬')).toBe(true);
    expect(matchesRoomPattern('café', 'café')).toBe(true);
    // "é" precomposed vs "e" + combining accent: no normalization, so no match.
    expect(matchesRoomPattern('caf\u00e9', 'cafe\u0301')).toBe(false);
  });
});

describe('roleForRoom', () => {
  it('returns null when no pattern matches (or there are no grants)', () => {
    expect(roleForRoom(principal({ 'project:*': 'editor' }), 'idea:1')).toBeNull();
    expect(roleForRoom(principal({}), 'idea:1')).toBeNull();
  });

  it('returns the highest role among all matching patterns, whatever their order', () => {
    const grants = {
      '*': 'viewer',
      'project:*': 'commenter',
      'project:42': 'admin',
      'project:4*': 'editor',
    } as const;
    const reversed = Object.fromEntries(Object.entries(grants).reverse()) as Record<string, Role>;
    for (const p of [principal(grants), principal(reversed)]) {
      expect(roleForRoom(p, 'project:42')).toBe('admin');
      expect(roleForRoom(p, 'project:43')).toBe('editor');
      expect(roleForRoom(p, 'project:7')).toBe('commenter');
      expect(roleForRoom(p, 'idea:1')).toBe('viewer');
    }
  });

  it('does not let a broad weak grant shadow a narrow strong one', () => {
    expect(roleForRoom(principal({ 'idea:*': 'viewer', 'idea:42': 'editor' }), 'idea:42')).toBe('editor');
  });
});

describe('hasRole', () => {
  const p = principal({ 'project:*': 'commenter', 'idea:42': 'viewer' });

  it('accepts the granted role and anything weaker', () => {
    expect(hasRole(p, 'project:1', 'viewer')).toBe(true);
    expect(hasRole(p, 'project:1', 'commenter')).toBe(true);
    expect(hasRole(p, 'idea:42', 'viewer')).toBe(true);
  });

  it('refuses stronger roles and unmatched rooms', () => {
    expect(hasRole(p, 'project:1', 'editor')).toBe(false);
    expect(hasRole(p, 'project:1', 'admin')).toBe(false);
    expect(hasRole(p, 'idea:42', 'commenter')).toBe(false);
    expect(hasRole(p, 'idea:43', 'viewer')).toBe(false);
  });
});

describe('compareRoles and can', () => {
  it('orders viewer < commenter < editor < admin', () => {
    expect(compareRoles('viewer', 'commenter')).toBeLessThan(0);
    expect(compareRoles('commenter', 'editor')).toBeLessThan(0);
    expect(compareRoles('editor', 'admin')).toBeLessThan(0);
    expect(compareRoles('admin', 'viewer')).toBeGreaterThan(0);
    expect(compareRoles('editor', 'editor')).toBe(0);
  });

  it('maps roles to actions', () => {
    const table = (role: Role | null) =>
      (['read', 'chat', 'edit', 'admin'] as const).filter((a) => can(role, a));
    expect(table('viewer')).toEqual(['read']);
    expect(table('commenter')).toEqual(['read', 'chat']);
    expect(table('editor')).toEqual(['read', 'chat', 'edit']);
    expect(table('admin')).toEqual(['read', 'chat', 'edit', 'admin']);
    expect(table(null)).toEqual([]);
  });
});
