import type * as Y from 'yjs';
import type { NewNode } from './graph.js';
import type { GraphNode, GraphSnapshot, Port } from './shapes.js';

const p = (id: string, type: string, name = id): Port => ({ id, name, type });

/** The shader node types the generator understands, with their typed ports and default props. */
export const SHADER_NODE_TYPES: Record<
  string,
  { title: string; inputs: Port[]; outputs: Port[]; props?: Record<string, number | string> }
> = {
  uv: { title: 'UV', inputs: [], outputs: [p('uv', 'vec2', 'uv')] },
  time: { title: 'Time', inputs: [], outputs: [p('t', 'float', 'seconds')] },
  float: { title: 'Float', inputs: [], outputs: [p('value', 'float')], props: { value: 1 } },
  color: { title: 'Color', inputs: [], outputs: [p('rgb', 'vec3')], props: { value: '#ff8800' } },
  split: { title: 'Split', inputs: [p('v', 'vec2')], outputs: [p('x', 'float'), p('y', 'float')] },
  sin: { title: 'Sin', inputs: [p('x', 'float')], outputs: [p('y', 'float')] },
  multiply: { title: 'Multiply', inputs: [p('a', 'float'), p('b', 'float')], outputs: [p('out', 'float')] },
  add: { title: 'Add', inputs: [p('a', 'float'), p('b', 'float')], outputs: [p('out', 'float')] },
  mix: {
    title: 'Mix',
    inputs: [p('a', 'vec3'), p('b', 'vec3'), p('t', 'float')],
    outputs: [p('out', 'vec3')],
  },
  output: { title: 'Fragment output', inputs: [p('color', 'vec3')], outputs: [] },
};

/** A shader node ready for `GraphModel.addNode`. */
export function shaderNode(type: string, x: number, y: number, id?: string): NewNode {
  const def = SHADER_NODE_TYPES[type];
  if (!def) throw new Error(`unknown shader node type ${type}`);
  return {
    id,
    type,
    title: def.title,
    x,
    y,
    inputs: def.inputs,
    outputs: def.outputs,
    props: def.props ?? {},
  };
}

const ZERO: Record<string, string> = { float: '0.0', vec2: 'vec2(0.0)', vec3: 'vec3(0.0)' };
const glslType = (type: string) => (type in ZERO ? type : 'float');
const ident = (node: string, port: string) => `n_${node.replace(/\W/g, '_')}_${port.replace(/\W/g, '_')}`;
const glFloat = (n: number) => (Number.isInteger(n) ? `${n}.0` : String(n));

function hexToVec3(hex: unknown): string {
  const m = typeof hex === 'string' ? /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex) : null;
  if (!m) return 'vec3(0.0)';
  const c = (h: string) => (Number.parseInt(h, 16) / 255).toFixed(3);
  return `vec3(${c(m[1]!)}, ${c(m[2]!)}, ${c(m[3]!)})`;
}

function expression(node: GraphNode, port: string, input: (name: string) => string): string {
  switch (node.type) {
    case 'uv':
      return 'v_uv';
    case 'time':
      return 'u_time';
    case 'float':
      return glFloat(typeof node.props.value === 'number' ? node.props.value : 0);
    case 'color':
      return hexToVec3(node.props.value);
    case 'split':
      return `${input('v')}.${port === 'y' ? 'y' : 'x'}`;
    case 'sin':
      return `sin(${input('x')})`;
    case 'multiply':
      return `${input('a')} * ${input('b')}`;
    case 'add':
      return `${input('a')} + ${input('b')}`;
    case 'mix':
      return `mix(${input('a')}, ${input('b')}, ${input('t')})`;
    default:
      return ZERO.float!;
  }
}

/**
 * GLSL for a shader graph: every node that feeds the output, in dependency order, one variable per
 * output port; unwired inputs are zero. Deterministic, so everyone generating from the same graph
 * writes the same text.
 */
export function generateShaderCode(graph: GraphSnapshot): string {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const wireInto = new Map(graph.connections.map((c) => [`${c.to.node}.${c.to.port}`, c.from]));
  const lines: string[] = [];
  const done = new Set<string>();
  const visiting = new Set<string>();
  let cyclic = false;

  const emit = (node: GraphNode) => {
    if (done.has(node.id)) return;
    if (visiting.has(node.id)) {
      cyclic = true;
      return;
    }
    visiting.add(node.id);
    const input = (name: string): string => {
      const from = wireInto.get(`${node.id}.${name}`);
      const source = from && nodes.get(from.node);
      const port = node.inputs.find((i) => i.id === name);
      if (!source || !from) return ZERO[glslType(port?.type ?? 'float')]!;
      emit(source);
      return ident(source.id, from.port);
    };
    for (const out of node.outputs) {
      const value = expression(node, out.id, input);
      lines.push(`  ${glslType(out.type)} ${ident(node.id, out.id)} = ${value};`);
    }
    visiting.delete(node.id);
    done.add(node.id);
    if (node.type === 'output') lines.push(`  gl_FragColor = vec4(${input('color')}, 1.0);`);
  };

  const outputs = graph.nodes.filter((n) => n.type === 'output');
  for (const out of outputs) emit(out);
  const header = [
    `// Generated from the shader graph "${graph.name.replace(/[\r\n]/g, ' ')}".`,
    'precision mediump float;',
    'uniform float u_time;',
    'varying vec2 v_uv;',
    '',
    'void main() {',
  ];
  if (outputs.length === 0) lines.push('  // Add a "Fragment output" node to produce a colour.');
  if (cyclic) lines.push('  // The graph has a cycle; the nodes in it were skipped.');
  return [...header, ...lines, '}', ''].join('\n');
}

/**
 * Makes `text` equal `next` by replacing only the span that differs, so carets and selections of
 * people editing elsewhere in the code stay where they are.
 */
export function replaceText(text: Y.Text, next: string): boolean {
  const current = text.toString();
  if (current === next) return false;
  let start = 0;
  while (start < current.length && start < next.length && current[start] === next[start]) start++;
  let end = 0;
  while (
    end < current.length - start &&
    end < next.length - start &&
    current[current.length - 1 - end] === next[next.length - 1 - end]
  ) {
    end++;
  }
  const apply = () => {
    text.delete(start, current.length - start - end);
    text.insert(start, next.slice(start, next.length - end));
  };
  if (text.doc) text.doc.transact(apply);
  else apply();
  return true;
}
