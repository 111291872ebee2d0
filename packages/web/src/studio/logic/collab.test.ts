import { describe, expect, it } from 'vitest';
import { activityText, commentCounts, typingText } from './collab';

describe('collaboration panel logic', () => {
  it('says who is typing without counting me', () => {
    const me = { userId: 'me', name: 'Me' };
    expect(typingText([me], 'me')).toBeNull();
    expect(typingText([me, { userId: 'b', name: 'Bo' }], 'me')).toBe('Bo is typing…');
    expect(
      typingText(
        [
          { userId: 'b', name: 'Bo' },
          { userId: 'c', name: 'Cy' },
        ],
        'me',
      ),
    ).toBe('Bo and Cy are typing…');
    expect(
      typingText(
        ['a', 'b', 'c'].map((id) => ({ userId: id, name: id })),
        'me',
      ),
    ).toBe('3 people are typing…');
  });

  it('counts open comments per node', () => {
    const counts = commentCounts([
      { anchor: { kind: 'node', id: 'n1' }, resolvedAt: null, deletedAt: null },
      { anchor: { kind: 'node', id: 'n1' }, resolvedAt: null, deletedAt: null },
      { anchor: { kind: 'node', id: 'n1' }, resolvedAt: '2026-01-01T00:00:00Z', deletedAt: null },
      { anchor: { kind: 'node', id: 'n2' }, resolvedAt: null, deletedAt: '2026-01-01T00:00:00Z' },
      { anchor: { kind: 'text', field: 'code', start: 'a', end: 'b' }, resolvedAt: null, deletedAt: null },
      { anchor: null, resolvedAt: null, deletedAt: null },
    ]);
    expect([...counts]).toEqual([['n1', 2]]);
  });

  it('describes activity entries', () => {
    expect(activityText({ type: 'edited', userName: 'Ana', data: { edits: 12 } })).toBe(
      'Ana edited (12 edits)',
    );
    expect(activityText({ type: 'locked', userName: 'Bo', data: { resource: 'node:7' } })).toBe(
      'Bo locked node:7',
    );
    expect(activityText({ type: 'saved', userName: 'Cy', data: { name: 'v1' } })).toBe(
      'Cy saved a version “v1”',
    );
    expect(activityText({ type: 'deploy', userName: 'CI', data: {} })).toBe('CI deploy');
  });
});
