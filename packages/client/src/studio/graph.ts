import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import * as Y from 'yjs';
import { newId } from './ids.js';
import type { Connection, GraphNode, GraphSnapshot, JsonValue, Port, PortRef } from './shapes.js';

export const NODE_PREFIX = 'node:';
export const EDGE_PREFIX = 'edge:';
export const NAME_KEY = 'name';
export const DEFAULT_GRAPH_NAME = 'Untitled graph';

/** What `addNode` needs; `id` is generated when absent. */
export interface NewNode {
  id?: string;
  type: string;
  title?: string;
  x: number;
  y: number;
  inputs?: Port[];
  outputs?: Port[];
  props?: Record<string, JsonValue>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const num = (v: unknown, fallback = 0) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const str = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback);

function ports(v: unknown): Port[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isRecord).map((p) => ({
    id: str(p.id),
    name: str(p.name, str(p.id)),
    type: str(p.type, 'any'),
  }));
}

/** Reads a node written by the helpers (a nested Y.Map) or by a plain Yjs app (a JSON object). */
function readNode(id: string, value: unknown): GraphNode | null {
  const fields = value instanceof Y.Map ? (value.toJSON() as Record<string, unknown>) : value;
  if (!isRecord(fields)) return null;
  return {
    id,
    type: str(fields.type, 'node'),
    title: str(fields.title, str(fields.type, id)),
    x: num(fields.x),
    y: num(fields.y),
    inputs: ports(fields.inputs),
    outputs: ports(fields.outputs),
    props: isRecord(fields.props) ? (fields.props as Record<string, JsonValue>) : {},
  };
}

function readConnection(id: string, value: unknown): Connection | null {
  if (!isRecord(value) || !isRecord(value.from) || !isRecord(value.to)) return null;
  return {
    id,
    from: { node: str(value.from.node), port: str(value.from.port) },
    to: { node: str(value.to.node), port: str(value.to.port) },
  };
}

/** The whole graph of a root map as plain data (nodes and wires sorted by id for stable output). */
export function readGraph(map: Y.Map<unknown>): GraphSnapshot {
  const nodes: GraphNode[] = [];
  const connections: Connection[] = [];
  for (const [key, value] of map.entries()) {
    if (key.startsWith(NODE_PREFIX)) {
      const node = readNode(key.slice(NODE_PREFIX.length), value);
      if (node) nodes.push(node);
    } else if (key.startsWith(EDGE_PREFIX)) {
      const connection = readConnection(key.slice(EDGE_PREFIX.length), value);
      if (connection) connections.push(connection);
    }
  }
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  const present = new Set(nodes.map((n) => n.id));
  return {
    name: str(map.get(NAME_KEY), DEFAULT_GRAPH_NAME),
    nodes: nodes.sort(byId),
    // A wire whose node was deleted concurrently is not drawn (and is removed on the next delete).
    connections: connections.filter((c) => present.has(c.from.node) && present.has(c.to.node)).sort(byId),
  };
}

/** Whether an output of one type may feed an input of another. */
export function portsCompatible(output: string, input: string): boolean {
  return output === input || output === 'any' || input === 'any';
}

/** A wire's id is derived from its ends, so two people drawing the same wire make one wire. */
export function connectionId(from: PortRef, to: PortRef): string {
  return `${from.node}.${from.port}>${to.node}.${to.port}`;
}

function bad(message: string): never {
  throw new EnsembleError(ErrorCode.BadRequest, message);
}

/**
 * A node graph in a root Y.Map (`graph` for blueprints, `shader.graph` for shaders). Nodes are nested
 * Y.Maps so a move and a rename by two people merge; every key of a node lives under `node:<id>`, the
 * path the lock service guards. `docOf` is read on every call because a room's document is replaced
 * after the server refuses a change.
 */
export class GraphModel {
  constructor(
    private readonly docOf: () => Y.Doc,
    readonly root: string,
  ) {}

  get map(): Y.Map<unknown> {
    return this.docOf().getMap(this.root);
  }

  snapshot(): GraphSnapshot {
    return readGraph(this.map);
  }

  node(id: string): GraphNode | undefined {
    return readNode(id, this.map.get(NODE_PREFIX + id)) ?? undefined;
  }

  setName(name: string): void {
    const trimmed = name.trim();
    if (!trimmed) bad('a graph name cannot be empty');
    if (trimmed.length > 120) bad('a graph name is at most 120 characters');
    this.map.set(NAME_KEY, trimmed);
  }

  addNode(input: NewNode): GraphNode {
    const id = input.id ?? newId();
    if (!/^[\w-]{1,64}$/.test(id)) bad(`invalid node id ${JSON.stringify(id)}`);
    if (this.map.has(NODE_PREFIX + id)) bad(`node ${id} already exists`);
    if (!Number.isFinite(input.x) || !Number.isFinite(input.y)) bad('node position must be finite numbers');
    const node = new Y.Map<unknown>();
    node.set('type', input.type);
    node.set('title', input.title ?? input.type);
    node.set('x', input.x);
    node.set('y', input.y);
    node.set('inputs', input.inputs ?? []);
    node.set('outputs', input.outputs ?? []);
    node.set('props', input.props ?? {});
    this.map.set(NODE_PREFIX + id, node);
    return readNode(id, node)!;
  }

  /** Moves a node; false if it does not exist. */
  moveNode(id: string, x: number, y: number): boolean {
    if (!Number.isFinite(x) || !Number.isFinite(y)) bad('node position must be finite numbers');
    return this.update(id, (node) => {
      node.set('x', x);
      node.set('y', y);
    });
  }

  renameNode(id: string, title: string): boolean {
    const trimmed = title.trim();
    if (!trimmed) bad('a node title cannot be empty');
    if (trimmed.length > 120) bad('a node title is at most 120 characters');
    return this.update(id, (node) => node.set('title', trimmed));
  }

  setProp(id: string, key: string, value: JsonValue): boolean {
    return this.update(id, (node) => {
      const props = isRecord(node.get('props')) ? (node.get('props') as Record<string, JsonValue>) : {};
      node.set('props', { ...props, [key]: value });
    });
  }

  /** Deletes a node and every wire attached to it, in one transaction. */
  removeNode(id: string): boolean {
    const map = this.map;
    if (!map.has(NODE_PREFIX + id)) return false;
    this.transact(() => {
      map.delete(NODE_PREFIX + id);
      for (const [key, value] of [...map.entries()]) {
        if (!key.startsWith(EDGE_PREFIX)) continue;
        const c = readConnection(key.slice(EDGE_PREFIX.length), value);
        if (!c || c.from.node === id || c.to.node === id) map.delete(key);
      }
    });
    return true;
  }

  /**
   * Wires an output to an input of a compatible type. An input takes one wire: an existing wire into
   * the same input is replaced. Throws a BadRequest EnsembleError for an impossible wire.
   */
  connect(from: PortRef, to: PortRef): Connection {
    if (from.node === to.node) bad('a node cannot be wired to itself');
    const source = this.node(from.node) ?? bad(`node ${from.node} does not exist`);
    const target = this.node(to.node) ?? bad(`node ${to.node} does not exist`);
    const out =
      source.outputs.find((p) => p.id === from.port) ?? bad(`${source.title} has no output ${from.port}`);
    const inp = target.inputs.find((p) => p.id === to.port) ?? bad(`${target.title} has no input ${to.port}`);
    if (!portsCompatible(out.type, inp.type)) {
      bad(`cannot wire ${out.type} output "${out.name}" into ${inp.type} input "${inp.name}"`);
    }
    const id = connectionId(from, to);
    const map = this.map;
    this.transact(() => {
      for (const c of readGraph(map).connections) {
        if (c.id !== id && c.to.node === to.node && c.to.port === to.port) map.delete(EDGE_PREFIX + c.id);
      }
      map.set(EDGE_PREFIX + id, { from: { ...from }, to: { ...to } });
    });
    return { id, from, to };
  }

  disconnect(id: string): boolean {
    if (!this.map.has(EDGE_PREFIX + id)) return false;
    this.map.delete(EDGE_PREFIX + id);
    return true;
  }

  /** Writes the graph's name and nodes/wires if the graph is empty (ids are fixed, so concurrent seeds agree). */
  seed(name: string, nodes: NewNode[], wires: { from: PortRef; to: PortRef }[]): boolean {
    if (this.map.size > 0) return false;
    this.transact(() => {
      this.setName(name);
      for (const node of nodes) this.addNode(node);
      for (const wire of wires) this.connect(wire.from, wire.to);
    });
    return true;
  }

  private update(id: string, change: (node: Y.Map<unknown>) => void): boolean {
    const map = this.map;
    const value = map.get(NODE_PREFIX + id);
    if (value === undefined) return false;
    if (value instanceof Y.Map) {
      this.transact(() => change(value));
      return true;
    }
    // A node a plain Yjs app wrote as JSON: upgrade it to a nested map on first change.
    const node = readNode(id, value);
    if (!node) return false;
    this.transact(() => {
      const upgraded = new Y.Map<unknown>(Object.entries(node).filter(([k]) => k !== 'id'));
      map.set(NODE_PREFIX + id, upgraded);
      change(upgraded);
    });
    return true;
  }

  private transact(fn: () => void): void {
    this.docOf().transact(fn);
  }
}
