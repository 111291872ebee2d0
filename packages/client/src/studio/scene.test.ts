import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { flattenTree, SceneModel, sceneTree } from './scene.js';

describe('SceneModel', () => {
  it('builds a hierarchy, renames, re-parents and deletes subtrees', () => {
    const doc = new Y.Doc();
    const s = new SceneModel(() => doc, 'scene');
    s.add({ id: 'world', name: 'World', kind: 'group' });
    s.add({ id: 'cam', name: 'Camera', kind: 'camera', parent: 'world' });
    s.add({ id: 'cube', name: 'Cube', kind: 'mesh', parent: 'world' });
    s.add({ id: 'lid', name: 'Lid', kind: 'mesh', parent: 'cube' });
    const flat = flattenTree(sceneTree(s.objects()));
    expect(flat.map((o) => `${'-'.repeat(o.depth)}${o.name}`)).toEqual([
      'World',
      '-Camera',
      '-Cube',
      '--Lid',
    ]);
    s.rename('cube', 'Box');
    expect(() => s.reparent('world', 'lid')).toThrow(/own ancestor/);
    s.reparent('lid', null);
    expect(sceneTree(s.objects()).map((o) => o.name)).toEqual(['World', 'Lid']);
    s.reparent('lid', 'cube');
    s.remove('cube');
    expect(
      s
        .objects()
        .map((o) => o.id)
        .sort(),
    ).toEqual(['cam', 'world']);
    expect(() => s.add({ name: ' ', kind: 'mesh' })).toThrow(/needs a name/);
    expect(() => s.add({ name: 'x', kind: 'mesh', parent: 'gone' })).toThrow(/does not exist/);
  });

  it('shows objects of a concurrent parent cycle at the root instead of losing them', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const sa = new SceneModel(() => a, 'scene');
    const sb = new SceneModel(() => b, 'scene');
    sa.add({ id: 'p', name: 'P', kind: 'group' });
    sa.add({ id: 'q', name: 'Q', kind: 'group' });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    sa.reparent('p', 'q');
    sb.reparent('q', 'p');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    const names = flattenTree(sceneTree(sa.objects())).map((o) => o.name);
    expect(names.sort()).toEqual(['P', 'Q']);
  });

  it('seeds fixed ids only into an empty scene', () => {
    const doc = new Y.Doc();
    const s = new SceneModel(() => doc, 'scene');
    expect(s.seed([{ id: 'c', name: 'Cube', kind: 'mesh', parent: null, order: 0 }])).toBe(true);
    expect(s.seed([{ id: 'd', name: 'D', kind: 'mesh', parent: null, order: 0 }])).toBe(false);
    expect(s.objects().map((o) => o.id)).toEqual(['c']);
  });
});
