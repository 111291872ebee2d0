import { EnsembleError } from '@ensemble/protocol';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { GraphModel, readGraph } from './graph.js';
import type { Port } from './shapes.js';

const num = (id: string): Port => ({ id, name: id, type: 'number' });
const text = (id: string): Port => ({ id, name: id, type: 'string' });

/** Two replicas that exchange updates only when told to (to stage concurrent edits). */
function pair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  const sync = () => {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  };
  return { a: new GraphModel(() => a, 'graph'), b: new GraphModel(() => b, 'graph'), sync, docA: a };
}

describe('GraphModel', () => {
  it('adds, moves, renames and names the graph; reads back plain data', () => {
    const doc = new Y.Doc();
    const g = new GraphModel(() => doc, 'graph');
    g.setName('  Player  ');
    const n = g.addNode({ id: 'add', type: 'add', x: 10, y: 20, inputs: [num('a')], outputs: [num('sum')] });
    expect(n).toMatchObject({ id: 'add', title: 'add', x: 10, y: 20 });
    g.moveNode('add', 30, 40);
    g.renameNode('add', 'Sum');
    expect(g.snapshot()).toEqual({
      name: 'Player',
      nodes: [
        {
          id: 'add',
          type: 'add',
          title: 'Sum',
          x: 30,
          y: 40,
          inputs: [num('a')],
          outputs: [num('sum')],
          props: {},
        },
      ],
      connections: [],
    });
    // The node lives under the key the lock service guards.
    expect(doc.getMap('graph').get('node:add')).toBeInstanceOf(Y.Map);
  });

  it('refuses bad input with a clear error and changes nothing', () => {
    const doc = new Y.Doc();
    const g = new GraphModel(() => doc, 'graph');
    g.addNode({ id: 'n1', type: 't', x: 0, y: 0 });
    const before = Y.encodeStateVector(doc);
    expect(() => g.setName('   ')).toThrow(/cannot be empty/);
    expect(() => g.addNode({ id: 'n1', type: 't', x: 0, y: 0 })).toThrow(/already exists/);
    expect(() => g.addNode({ id: 'bad id!', type: 't', x: 0, y: 0 })).toThrow(EnsembleError);
    expect(() => g.moveNode('n1', Number.NaN, 0)).toThrow(/finite/);
    expect(() => g.renameNode('n1', '')).toThrow(/cannot be empty/);
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(g.moveNode('missing', 1, 1)).toBe(false);
  });

  it('wires only an output to an input of a compatible type; an input takes one wire', () => {
    const doc = new Y.Doc();
    const g = new GraphModel(() => doc, 'graph');
    g.addNode({ id: 'x', type: 'const', x: 0, y: 0, outputs: [num('v'), text('s')] });
    g.addNode({ id: 'y', type: 'const', x: 0, y: 0, outputs: [num('v')] });
    g.addNode({
      id: 'sum',
      type: 'add',
      x: 0,
      y: 0,
      inputs: [num('a'), { id: 'any', name: 'any', type: 'any' }],
    });
    expect(() => g.connect({ node: 'x', port: 's' }, { node: 'sum', port: 'a' })).toThrow(
      /cannot wire string output "s" into number input "a"/,
    );
    expect(() => g.connect({ node: 'x', port: 'v' }, { node: 'x', port: 'v' })).toThrow(/itself/);
    expect(() => g.connect({ node: 'x', port: 'nope' }, { node: 'sum', port: 'a' })).toThrow(
      /no output nope/,
    );
    g.connect({ node: 'x', port: 's' }, { node: 'sum', port: 'any' });
    g.connect({ node: 'x', port: 'v' }, { node: 'sum', port: 'a' });
    g.connect({ node: 'y', port: 'v' }, { node: 'sum', port: 'a' });
    const wires = g
      .snapshot()
      .connections.map((c) => `${c.from.node}.${c.from.port}>${c.to.node}.${c.to.port}`);
    expect(wires.sort()).toEqual(['x.s>sum.any', 'y.v>sum.a']);
  });

  it('deletes a node together with its wires', () => {
    const doc = new Y.Doc();
    const g = new GraphModel(() => doc, 'graph');
    g.addNode({ id: 'x', type: 'c', x: 0, y: 0, outputs: [num('v')] });
    g.addNode({ id: 's', type: 'a', x: 0, y: 0, inputs: [num('a')] });
    g.connect({ node: 'x', port: 'v' }, { node: 's', port: 'a' });
    expect(g.removeNode('x')).toBe(true);
    expect(g.snapshot().nodes.map((n) => n.id)).toEqual(['s']);
    expect([...doc.getMap('graph').keys()].filter((k) => k.startsWith('edge:'))).toEqual([]);
  });

  it('merges a concurrent move and rename of the same node', () => {
    const { a, b, sync } = pair();
    a.addNode({ id: 'n', type: 't', title: 'Old', x: 0, y: 0 });
    sync();
    a.moveNode('n', 100, 200);
    b.renameNode('n', 'New');
    sync();
    for (const g of [a, b]) expect(g.node('n')).toMatchObject({ title: 'New', x: 100, y: 200 });
  });

  it('two people drawing the same wire make one wire; concurrent seeds agree', () => {
    const { a, b, sync } = pair();
    const nodes = [
      { id: 'x', type: 'c', x: 0, y: 0, outputs: [num('v')] },
      { id: 's', type: 'a', x: 0, y: 0, inputs: [num('a')] },
    ];
    expect(a.seed('G', nodes, [])).toBe(true);
    expect(b.seed('G', nodes, [])).toBe(true);
    sync();
    expect(a.snapshot()).toEqual(b.snapshot());
    expect(a.snapshot().nodes).toHaveLength(2);
    a.connect({ node: 'x', port: 'v' }, { node: 's', port: 'a' });
    b.connect({ node: 'x', port: 'v' }, { node: 's', port: 'a' });
    sync();
    expect(a.snapshot().connections).toHaveLength(1);
    expect(a.seed('again', [], [])).toBe(false);
  });

  it('hides a wire whose node was deleted concurrently', () => {
    const { a, b, sync } = pair();
    a.addNode({ id: 'x', type: 'c', x: 0, y: 0, outputs: [num('v')] });
    a.addNode({ id: 's', type: 'a', x: 0, y: 0, inputs: [num('a')] });
    sync();
    a.connect({ node: 'x', port: 'v' }, { node: 's', port: 'a' });
    b.removeNode('x');
    sync();
    expect(a.snapshot().connections).toEqual([]);
    expect(b.snapshot()).toEqual(a.snapshot());
  });

  it('reads nodes a plain Yjs app wrote as JSON and upgrades them on first change', () => {
    const doc = new Y.Doc();
    doc.getMap('graph').set('node:1', { x: 10, y: 20 });
    const g = new GraphModel(() => doc, 'graph');
    expect(readGraph(doc.getMap('graph')).nodes[0]).toMatchObject({ id: '1', x: 10, y: 20, type: 'node' });
    g.renameNode('1', 'Named');
    expect(g.node('1')).toMatchObject({ title: 'Named', x: 10, y: 20 });
    expect(doc.getMap('graph').get('node:1')).toBeInstanceOf(Y.Map);
  });

  it('follows the room when its document is replaced (after a refused edit)', () => {
    let doc = new Y.Doc();
    const g = new GraphModel(() => doc, 'graph');
    g.addNode({ id: 'a', type: 't', x: 0, y: 0 });
    doc = new Y.Doc();
    expect(g.snapshot().nodes).toEqual([]);
  });
});
