import { describe, expect, it } from 'vitest';
import { avatars, deriveStatus, EDITING_WINDOW_MS, initials, readPeers, visibleCursors } from './peers';

const other = (clientId: number, presence: Record<string, unknown>) => ({ clientId, presence });

describe('peers', () => {
  it('reads people from awareness, ignoring states without a user and clamping pointers', () => {
    const peers = readPeers([
      other(1, {
        user: { id: 'ana', name: 'Ana', color: '#e5484d' },
        status: 'editing',
        pointer: { panel: 'graph', x: 1.4, y: -2 },
      }),
      other(2, { cursor: { anchor: 1 } }),
      other(3, { user: { name: 'Plain', color: 'red' }, status: 'dancing' }),
    ]);
    expect(peers).toEqual([
      {
        clientId: 1,
        userId: 'ana',
        name: 'Ana',
        color: '#e5484d',
        status: 'editing',
        pointer: { panel: 'graph', x: 1, y: 0 },
      },
      { clientId: 3, userId: '3', name: 'Plain', color: '#888888', status: 'idle', pointer: null },
    ]);
  });

  it('draws at most 16 cursors and counts the rest', () => {
    const many = readPeers(
      Array.from({ length: 20 }, (_, i) =>
        other(i, { user: { id: `u${i}`, name: `U${i}` }, pointer: { panel: 'p', x: 0.5, y: 0.5 } }),
      ),
    );
    const { shown, hidden } = visibleCursors([
      ...many,
      ...readPeers([other(99, { user: { name: 'NoPointer' } })]),
    ]);
    expect(shown).toHaveLength(16);
    expect(hidden).toBe(4);
  });

  it('shows one avatar per user with their most active status', () => {
    const peers = readPeers([
      other(1, { user: { id: 'ana', name: 'Ana' }, status: 'away' }),
      other(2, { user: { id: 'ana', name: 'Ana' }, status: 'editing' }),
      other(3, { user: { id: 'bo', name: 'Bo' }, status: 'idle' }),
    ]);
    expect(avatars(peers).map((p) => [p.name, p.status])).toEqual([
      ['Ana', 'editing'],
      ['Bo', 'idle'],
    ]);
  });

  it('derives my status from my last edit and page visibility (injected clock)', () => {
    expect(deriveStatus(null, 1_000, false)).toBe('idle');
    expect(deriveStatus(1_000, 1_000 + EDITING_WINDOW_MS - 1, false)).toBe('editing');
    expect(deriveStatus(1_000, 1_000 + EDITING_WINDOW_MS, false)).toBe('idle');
    expect(deriveStatus(1_000, 1_001, true)).toBe('away');
    expect([initials('Ada Lovelace'), initials('bo'), initials('  ')]).toEqual(['AL', 'BO', '?']);
  });
});
