import type { GraphNode, GraphSnapshot } from '@ensemble/client/studio';
import type { Edge, Node } from '@xyflow/react';
import type { NodeLock } from './locks';

export interface StudioNodeData extends Record<string, unknown> {
  node: GraphNode;
  lock: NodeLock | null;
  readOnly: boolean;
  /** Open comments pinned to this node. */
  comments: number;
}

export type StudioFlowNode = Node<StudioNodeData, 'studio'>;

/** Wire and port colours by port type. */
export const PORT_COLORS: Record<string, string> = {
  exec: '#64748b',
  number: '#22c55e',
  float: '#22c55e',
  boolean: '#ef4444',
  string: '#d946ef',
  vec2: '#eab308',
  vec3: '#f97316',
  any: '#94a3b8',
};

export function portColor(type: string): string {
  return PORT_COLORS[type] ?? PORT_COLORS.any!;
}

export interface FlowOptions {
  lockOf(node: GraphNode): NodeLock | null;
  /** Nodes this client is dragging: their local position wins over the (throttled) shared one. */
  dragging: ReadonlySet<string>;
  readOnly: boolean;
  comments?: ReadonlyMap<string, number>;
}

/**
 * The shared graph as React Flow nodes, keeping what React Flow measured and selected on the
 * previous nodes. A node someone else holds can be neither dragged nor deleted.
 */
export function toFlowNodes(
  snapshot: GraphSnapshot,
  previous: StudioFlowNode[],
  options: FlowOptions,
): StudioFlowNode[] {
  const prev = new Map(previous.map((n) => [n.id, n]));
  return snapshot.nodes.map((node) => {
    const old = prev.get(node.id);
    const lock = options.lockOf(node);
    const blocked = options.readOnly || (lock !== null && !lock.mine);
    return {
      ...old,
      id: node.id,
      type: 'studio' as const,
      position: old && options.dragging.has(node.id) ? old.position : { x: node.x, y: node.y },
      data: { node, lock, readOnly: options.readOnly, comments: options.comments?.get(node.id) ?? 0 },
      draggable: !blocked,
      deletable: !blocked,
      connectable: !options.readOnly,
      ariaLabel: `${node.title} (${node.type})${lock && !lock.mine ? `, being edited by ${lock.name}` : ''}`,
    };
  });
}

export function toFlowEdges(snapshot: GraphSnapshot, selected: ReadonlySet<string>): Edge[] {
  const nodes = new Map(snapshot.nodes.map((n) => [n.id, n]));
  return snapshot.connections.map((c) => {
    const type = nodes.get(c.from.node)?.outputs.find((p) => p.id === c.from.port)?.type ?? 'any';
    return {
      id: c.id,
      source: c.from.node,
      sourceHandle: c.from.port,
      target: c.to.node,
      targetHandle: c.to.port,
      selected: selected.has(c.id),
      style: { stroke: portColor(type), strokeWidth: 2 },
      animated: type === 'exec',
    };
  });
}
