import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffDocs } from './diff.js';
import { restoreInto } from './restore.js';

function versions() {
  const v1 = new Y.Doc();
  v1.getMap('graph').set('node:1', { x: 1 });
  v1.getMap('graph').set('node:2', { x: 2 });
  v1.getText('code').insert(0, 'let a = 1;');
  const v2 = new Y.Doc();
  Y.applyUpdate(v2, Y.encodeStateAsUpdate(v1));
  v2.getMap('graph').set('node:2', { x: 20 });
  v2.getMap('graph').set('node:3', { x: 3 });
  v2.getMap('graph').delete('node:1');
  v2.getText('code').insert(8, '41 + ');
  return { v1, v2 };
}

describe('diffDocs', () => {
  it('lists map keys added, removed and changed, and the changed text range, with authors', () => {
    const { v1, v2 } = versions();
    const authors = new Map([
      ['graph/node:2', new Set(['ana'])],
      ['code', new Set(['bo'])],
    ]);
    expect(diffDocs(v1, v2, authors)).toEqual([
      { root: 'code', kind: 'text', change: 'changed', range: [8, 13], by: ['bo'] },
      { root: 'graph', kind: 'map', key: 'node:1', change: 'removed', by: [] },
      { root: 'graph', kind: 'map', key: 'node:2', change: 'changed', by: ['ana'] },
      { root: 'graph', kind: 'map', key: 'node:3', change: 'added', by: [] },
    ]);
  });
});

describe('restoreInto', () => {
  it('makes the live document equal an older version through forward edits only', () => {
    const { v1, v2 } = versions();
    const live = new Y.Doc();
    Y.applyUpdate(live, Y.encodeStateAsUpdate(v2));
    const before = Y.encodeStateVector(live);
    restoreInto(live, v1);
    expect(live.getMap('graph').toJSON()).toEqual(v1.getMap('graph').toJSON());
    expect(live.getText('code').toString()).toBe('let a = 1;');
    // Forward: the live doc only grew; applying the restore diff to v2 gives v1's content.
    const forward = Y.encodeStateAsUpdate(live, before);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(v2));
    Y.applyUpdate(replica, forward);
    expect(replica.getMap('graph').toJSON()).toEqual(v1.getMap('graph').toJSON());
  });
});
