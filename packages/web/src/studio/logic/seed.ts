import type { NewNode, Port, PortRef, SceneObject } from '@ensemble/client/studio';
import { shaderNode } from '@ensemble/client/studio';

const p = (id: string, type: string, name = id): Port => ({ id, name, type });

/** Blueprint node types offered in the graph palette. */
export const BLUEPRINT_NODE_TYPES: Record<string, { title: string; inputs: Port[]; outputs: Port[] }> = {
  'event.begin': { title: 'Event BeginPlay', inputs: [], outputs: [p('then', 'exec', '▶')] },
  'event.tick': {
    title: 'Event Tick',
    inputs: [],
    outputs: [p('then', 'exec', '▶'), p('dt', 'number', 'delta')],
  },
  print: {
    title: 'Print String',
    inputs: [p('in', 'exec', '▶'), p('text', 'string')],
    outputs: [p('then', 'exec', '▶')],
  },
  branch: {
    title: 'Branch',
    inputs: [p('in', 'exec', '▶'), p('condition', 'boolean')],
    outputs: [p('true', 'exec'), p('false', 'exec')],
  },
  add: { title: 'Add', inputs: [p('a', 'number'), p('b', 'number')], outputs: [p('sum', 'number')] },
  multiply: {
    title: 'Multiply',
    inputs: [p('a', 'number'), p('b', 'number')],
    outputs: [p('product', 'number')],
  },
  greater: {
    title: 'Greater Than',
    inputs: [p('a', 'number'), p('b', 'number')],
    outputs: [p('result', 'boolean')],
  },
  'to-string': { title: 'To String', inputs: [p('value', 'any')], outputs: [p('text', 'string')] },
  time: { title: 'Get Game Time', inputs: [], outputs: [p('seconds', 'number')] },
};

export function blueprintNode(type: string, x: number, y: number, id?: string): NewNode {
  const def = BLUEPRINT_NODE_TYPES[type];
  if (!def) throw new Error(`unknown blueprint node type ${type}`);
  return { id, type, title: def.title, x, y, inputs: def.inputs, outputs: def.outputs, props: {} };
}

const wire = (
  from: string,
  fromPort: string,
  to: string,
  toPort: string,
): { from: PortRef; to: PortRef } => ({
  from: { node: from, port: fromPort },
  to: { node: to, port: toPort },
});

/** What a new room starts with (fixed ids: two people opening a new room at once agree). */
export const SEED_BLUEPRINT = {
  name: 'Player controller',
  nodes: [
    blueprintNode('event.tick', 0, 0, 'tick'),
    blueprintNode('time', 0, 160, 'time'),
    blueprintNode('greater', 240, 140, 'later'),
    blueprintNode('branch', 480, 20, 'branch'),
    blueprintNode('to-string', 480, 200, 'fmt'),
    blueprintNode('print', 720, 40, 'print'),
  ],
  wires: [
    wire('tick', 'then', 'branch', 'in'),
    wire('time', 'seconds', 'later', 'a'),
    wire('later', 'result', 'branch', 'condition'),
    wire('time', 'seconds', 'fmt', 'value'),
    wire('branch', 'true', 'print', 'in'),
    wire('fmt', 'text', 'print', 'text'),
  ],
};

export const SEED_SHADER = {
  name: 'Pulse',
  nodes: [
    shaderNode('time', 0, 0, 'time'),
    shaderNode('sin', 200, 0, 'sin'),
    shaderNode('color', 0, 120, 'warm'),
    { ...shaderNode('color', 0, 240, 'cool'), props: { value: '#3355ff' } },
    shaderNode('mix', 420, 120, 'mix'),
    shaderNode('output', 640, 120, 'out'),
  ],
  wires: [
    wire('time', 't', 'sin', 'x'),
    wire('warm', 'rgb', 'mix', 'a'),
    wire('cool', 'rgb', 'mix', 'b'),
    wire('sin', 'y', 'mix', 't'),
    wire('mix', 'out', 'out', 'color'),
  ],
};

const obj = (
  id: string,
  name: string,
  kind: SceneObject['kind'],
  parent: string | null,
  order: number,
): SceneObject => ({
  id,
  name,
  kind,
  parent,
  order,
});

export const SEED_SCENE: SceneObject[] = [
  obj('world', 'World', 'group', null, 0),
  obj('camera', 'Main Camera', 'camera', 'world', 0),
  obj('sun', 'Sun', 'light', 'world', 1),
  obj('player', 'Player', 'group', 'world', 2),
  obj('body', 'Body', 'mesh', 'player', 0),
  obj('helmet', 'Helmet', 'mesh', 'player', 1),
  obj('ground', 'Ground', 'mesh', 'world', 3),
];
