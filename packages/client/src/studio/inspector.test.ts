import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fieldKey, InspectorModel } from './inspector.js';

describe('InspectorModel', () => {
  it('reads defaults, writes one entry per field, validates values', () => {
    const doc = new Y.Doc();
    const i = new InspectorModel(() => doc, 'inspector');
    expect(i.values('cube')).toEqual({
      position: { x: 0, y: 0, z: 0 },
      rotation: { x: 0, y: 0, z: 0 },
      scale: { x: 1, y: 1, z: 1 },
      material: { color: '#8899aa', roughness: 0.5, metalness: 0, opacity: 1 },
    });
    i.set('cube', 'position.x', 2.5);
    i.set('cube', 'material.color', '#FF0000');
    expect(doc.getMap('inspector').get(fieldKey('cube', 'position.x'))).toBe(2.5);
    expect(i.values('cube').material.color).toBe('#ff0000');
    expect(() => i.set('cube', 'material.roughness', 2)).toThrow(/between 0 and 1/);
    expect(() => i.set('cube', 'position.x', 'far')).toThrow(/finite number/);
    expect(() => i.set('cube', 'material.color', 'red')).toThrow(/#rrggbb/);
    expect(() => i.set('cube', 'mass', 1)).toThrow(/unknown inspector field/);
    expect(i.values('cube').position.x).toBe(2.5);
  });

  it('merges concurrent edits to different fields of the same object', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const ia = new InspectorModel(() => a, 'inspector');
    const ib = new InspectorModel(() => b, 'inspector');
    ia.set('cube', 'position.x', 1);
    ib.set('cube', 'material.color', '#00ff00');
    ib.set('cube', 'scale.y', 3);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    for (const i of [ia, ib]) {
      const v = i.values('cube');
      expect([v.position.x, v.material.color, v.scale.y]).toEqual([1, '#00ff00', 3]);
    }
  });

  it('treats a field someone stored with a bad value as its default', () => {
    const doc = new Y.Doc();
    doc.getMap('inspector').set('cube/scale.x', 'huge');
    expect(new InspectorModel(() => doc, 'inspector').values('cube').scale.x).toBe(1);
  });
});
