import { describe, expect, it } from 'vitest';
import { type StudioFlowNode, toFlowEdges, toFlowNodes } from './graphView';

const snapshot = {
  name: 'G',
  nodes: [
    {
      id: 'a',
      type: 't',
      title: 'A',
      x: 10,
      y: 20,
      inputs: [],
      outputs: [{ id: 'o', name: 'o', type: 'number' }],
      props: {},
    },
    {
      id: 'b',
      type: 't',
      title: 'B',
      x: 50,
      y: 60,
      inputs: [{ id: 'i', name: 'i', type: 'number' }],
      outputs: [],
      props: {},
    },
  ],
  connections: [{ id: 'a.o>b.i', from: { node: 'a', port: 'o' }, to: { node: 'b', port: 'i' } }],
};

describe('graph view mapping', () => {
  it('keeps what React Flow measured and my local drag position; blocks nodes others hold', () => {
    const previous = [
      {
        id: 'a',
        position: { x: 999, y: 999 },
        measured: { width: 170, height: 80 },
        selected: true,
        data: {},
      },
    ] as unknown as StudioFlowNode[];
    const nodes = toFlowNodes(snapshot, previous, {
      lockOf: (n) => (n.id === 'b' ? { userId: 'ana', name: 'Ana', kind: 'soft', mine: false } : null),
      dragging: new Set(['a']),
      readOnly: false,
    });
    expect(nodes[0]).toMatchObject({
      id: 'a',
      position: { x: 999, y: 999 },
      measured: { width: 170 },
      selected: true,
      draggable: true,
    });
    expect(nodes[1]).toMatchObject({
      id: 'b',
      position: { x: 50, y: 60 },
      draggable: false,
      deletable: false,
    });
    expect(nodes[1]?.ariaLabel).toContain('being edited by Ana');
    const settled = toFlowNodes(snapshot, nodes, { lockOf: () => null, dragging: new Set(), readOnly: true });
    expect(settled[0]).toMatchObject({ position: { x: 10, y: 20 }, draggable: false, connectable: false });
  });

  it('colours wires by the type of their output port', () => {
    expect(toFlowEdges(snapshot, new Set(['a.o>b.i']))).toEqual([
      expect.objectContaining({
        id: 'a.o>b.i',
        source: 'a',
        sourceHandle: 'o',
        target: 'b',
        targetHandle: 'i',
        selected: true,
      }),
    ]);
  });
});
