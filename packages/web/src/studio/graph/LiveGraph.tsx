import type { LockInfo } from '@ensemble/client';
import { type GraphModel, type GraphNode, newId, portsCompatible } from '@ensemble/client/studio';
import {
  applyNodeChanges,
  Background,
  type Connection,
  Controls,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
  type OnNodeDrag,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useGraph, useLocks, usePeers } from '../hooks';
import { type StudioFlowNode, toFlowEdges, toFlowNodes } from '../logic/graphView';
import { lockForNode, type NodeLock, regionAround } from '../logic/locks';
import { useStudio } from '../StudioContext';
import { GraphToolbar } from './GraphToolbar';
import { RegionLocks } from './RegionLocks';
import { nodeTypes } from './StudioNode';

export interface LiveGraphProps {
  label: string;
  graph: GraphModel;
  palette: Record<string, { title: string }>;
  makeNode: (type: string, x: number, y: number) => Parameters<GraphModel['addNode']>[0];
  /** Lock resource of a node: `node:<id>` for the blueprint (guarded by the server). */
  resourcePrefix: string;
  /** Called after a structural change I made (not moves): the shader regenerates its code. */
  onStructureEdited?: () => void;
  comments?: ReadonlyMap<string, number>;
  onNodeSelected?: (id: string | null) => void;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function Canvas(props: LiveGraphProps) {
  const { graph, resourcePrefix, onStructureEdited } = props;
  const { room, studio, me, idleLocks, noteEdit, notify } = useStudio();
  const snapshot = useGraph(graph.root);
  const locks = useLocks(room);
  const peers = usePeers(room);
  const flow = useReactFlow();
  const [nodes, setNodes] = useState<StudioFlowNode[]>([]);
  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(new Set());
  const dragging = useRef(new Set<string>());
  const refused = useRef(new Set<string>());

  const colorOf = useCallback(
    (userId: string) =>
      userId === me.id ? me.color : (peers.find((p) => p.userId === userId)?.color ?? '#888888'),
    [peers, me],
  );
  const graphLocks = useMemo(
    () =>
      locks.filter(
        (l) =>
          l.resource.startsWith(resourcePrefix) ||
          (l.kind === 'region' && l.resource.startsWith(`${graph.root}:region:`)),
      ),
    [locks, resourcePrefix, graph.root],
  );
  const lockOf = useCallback(
    (node: Pick<GraphNode, 'id' | 'x' | 'y'>): NodeLock | null => {
      const lock = lockForNode(node, graphLocks, me.id, resourcePrefix);
      return lock ? { ...lock, color: colorOf(lock.userId) } : null;
    },
    [graphLocks, me.id, resourcePrefix, colorOf],
  );

  useEffect(() => {
    setNodes((prev) =>
      toFlowNodes(snapshot, prev, {
        lockOf,
        dragging: dragging.current,
        readOnly: false,
        comments: props.comments,
      }),
    );
  }, [snapshot, lockOf, props.comments]);
  const edges = useMemo(() => toFlowEdges(snapshot, selectedEdges), [snapshot, selectedEdges]);
  const selected = useMemo(
    () => snapshot.nodes.filter((n) => nodes.find((f) => f.id === n.id)?.selected),
    [snapshot, nodes],
  );
  const onNodeSelected = props.onNodeSelected;
  const selectedId = selected.length === 1 ? selected[0]!.id : null;
  useEffect(() => onNodeSelected?.(selectedId), [selectedId, onNodeSelected]);

  const blockedBy = useCallback(
    (id: string): NodeLock | null => {
      const node = snapshot.nodes.find((n) => n.id === id);
      const lock = node ? lockOf(node) : null;
      return lock && !lock.mine ? lock : null;
    },
    [snapshot, lockOf],
  );

  /** Takes the soft lock for an edit (unless I already hold it, e.g. hard); false if someone else has it. */
  const claim = useCallback(
    async (id: string): Promise<boolean> => {
      const other = blockedBy(id);
      if (other) {
        notify(`${other.name} is editing this node`);
        return false;
      }
      const resource = `${resourcePrefix}${id}`;
      const held = room.locks.get(resource);
      if (held && held.owner.userId === me.id && held.kind === 'hard') return true;
      try {
        const result = await idleLocks.touch(resource);
        if (!result.granted) {
          notify(`${result.heldBy.owner.name} is editing this node`);
          return false;
        }
        return true;
      } catch (error) {
        notify(`Could not lock the node: ${errorText(error)}`);
        return false;
      }
    },
    [blockedBy, idleLocks, me.id, notify, resourcePrefix, room],
  );

  const attempt = useCallback(
    (what: () => void, structural = true) => {
      try {
        what();
        noteEdit();
        if (structural) onStructureEdited?.();
      } catch (error) {
        notify(errorText(error));
      }
    },
    [noteEdit, notify, onStructureEdited],
  );

  const removeNodes = useCallback(
    (ids: string[]) => {
      for (const id of ids) {
        const other = blockedBy(id);
        if (other) notify(`${other.name} is editing this node; it was not deleted`);
        else attempt(() => graph.removeNode(id));
      }
    },
    [attempt, blockedBy, graph, notify],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<StudioFlowNode>[]) => {
      const allowed = changes.filter(
        (c) => c.type !== 'remove' && !(c.type === 'position' && blockedBy(c.id)),
      );
      setNodes((nds) => applyNodeChanges(allowed, nds));
      const removed = changes.flatMap((c) => (c.type === 'remove' ? [c.id] : []));
      if (removed.length > 0) removeNodes(removed);
      for (const c of changes) {
        // Keyboard moves (arrow keys on a focused node) arrive as non-drag position changes.
        if (
          c.type !== 'position' ||
          !c.position ||
          c.dragging ||
          dragging.current.has(c.id) ||
          blockedBy(c.id)
        )
          continue;
        const current = graph.node(c.id);
        if (!current || (current.x === c.position.x && current.y === c.position.y)) continue;
        const { x, y } = c.position;
        void claim(c.id).then((ok) => ok && attempt(() => graph.moveNode(c.id, x, y), false));
      }
    },
    [attempt, blockedBy, claim, graph, removeNodes],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      setSelectedEdges((prev) => {
        const next = new Set(prev);
        for (const c of changes) if (c.type === 'select') c.selected ? next.add(c.id) : next.delete(c.id);
        return next;
      });
      for (const c of changes) if (c.type === 'remove') attempt(() => graph.disconnect(c.id));
    },
    [attempt, graph],
  );

  const onNodeDragStart: OnNodeDrag<StudioFlowNode> = useCallback(
    (_e, _node, dragged) => {
      for (const n of dragged) {
        dragging.current.add(n.id);
        refused.current.delete(n.id);
        void claim(n.id).then((ok) => {
          if (!ok) refused.current.add(n.id);
        });
      }
    },
    [claim],
  );
  const onNodeDrag: OnNodeDrag<StudioFlowNode> = useCallback(
    (_e, _node, dragged) => {
      for (const n of dragged) {
        if (refused.current.has(n.id)) continue;
        studio.drag(graph, n.id, n.position.x, n.position.y);
      }
      noteEdit();
    },
    [graph, noteEdit, studio],
  );
  const onNodeDragStop: OnNodeDrag<StudioFlowNode> = useCallback(
    (_e, _node, dragged) => {
      for (const n of dragged) {
        dragging.current.delete(n.id);
        if (refused.current.has(n.id)) {
          const shared = graph.node(n.id);
          if (shared)
            setNodes((nds) =>
              nds.map((f) => (f.id === n.id ? { ...f, position: { x: shared.x, y: shared.y } } : f)),
            );
          continue;
        }
        studio.endDrag(graph, n.id, n.position.x, n.position.y);
        void idleLocks.touch(`${resourcePrefix}${n.id}`).catch(() => undefined);
      }
    },
    [graph, idleLocks, resourcePrefix, studio],
  );

  const isValidConnection: IsValidConnection = useCallback(
    (c) => {
      const source = snapshot.nodes.find((n) => n.id === c.source);
      const target = snapshot.nodes.find((n) => n.id === c.target);
      const out = source?.outputs.find((p) => p.id === c.sourceHandle);
      const inp = target?.inputs.find((p) => p.id === c.targetHandle);
      return Boolean(out && inp && c.source !== c.target && portsCompatible(out.type, inp.type));
    },
    [snapshot],
  );
  const onConnect = useCallback(
    (c: Connection) => {
      if (!c.sourceHandle || !c.targetHandle) return;
      const other = blockedBy(c.target);
      if (other) {
        notify(`${other.name} is editing that node`);
        return;
      }
      attempt(() =>
        graph.connect({ node: c.source, port: c.sourceHandle! }, { node: c.target, port: c.targetHandle! }),
      );
    },
    [attempt, blockedBy, graph, notify],
  );

  const addNode = (type: string) => {
    const box = document.querySelector(`[data-graph="${graph.root}"] .react-flow`)?.getBoundingClientRect();
    const center = box
      ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 })
      : { x: 0, y: 0 };
    const jitter = () => Math.round(Math.random() * 40 - 20);
    attempt(() =>
      graph.addNode({ ...props.makeNode(type, center.x + jitter(), center.y + jitter()), id: newId() }),
    );
  };

  const toggleHardLock = async (id: string) => {
    const resource = `${resourcePrefix}${id}`;
    const held = room.locks.get(resource);
    try {
      if (held && held.owner.userId === me.id && held.kind === 'hard') {
        await room.locks.release(resource);
        return;
      }
      idleLocks.forget(resource);
      const result = await room.locks.acquire(resource, { kind: 'hard' });
      if (!result.granted) notify(`${result.heldBy.owner.name} holds this node`);
    } catch (error) {
      notify(errorText(error));
    }
  };

  const lockRegion = async () => {
    const region = regionAround(selected);
    if (!region) return;
    try {
      const result = await room.locks.acquire(`${graph.root}:region:${newId()}`, { kind: 'region', region });
      if (!result.granted) notify(`${result.heldBy.owner.name} holds an overlapping region`);
    } catch (error) {
      notify(errorText(error));
    }
  };

  const selectedLock =
    selected.length === 1 ? lockOf(selected[0]!) : (selected.map(lockOf).find((l) => l && !l.mine) ?? null);
  const regionLocks: LockInfo[] = graphLocks.filter((l) => l.kind === 'region');

  return (
    <div className="st-graph" data-graph={graph.root}>
      <GraphToolbar
        label={props.label}
        graphName={snapshot.name}
        palette={props.palette}
        selected={selected}
        lockOfSelected={selectedLock}
        onRenameGraph={(name) => attempt(() => graph.setName(name), false)}
        onAdd={addNode}
        onStartEdit={(id) => void claim(id)}
        onRenameNode={(id, title) =>
          void claim(id).then((ok) => ok && attempt(() => graph.renameNode(id, title)))
        }
        onToggleHardLock={(id) => void toggleHardLock(id)}
        onDelete={removeNodes}
        onLockRegion={() => void lockRegion()}
      />
      <div className="st-graph-canvas">
        <ReactFlow<StudioFlowNode>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onNodeDragStart={onNodeDragStart}
          onNodeDrag={onNodeDrag}
          onNodeDragStop={onNodeDragStop}
          onConnect={onConnect}
          isValidConnection={isValidConnection}
          deleteKeyCode={['Delete', 'Backspace']}
          colorMode="system"
          fitView
          minZoom={0.2}
          proOptions={{ hideAttribution: true }}
          aria-label={props.label}
        >
          <Background gap={20} />
          <Controls showInteractive={false} />
          <RegionLocks
            locks={regionLocks}
            myUserId={me.id}
            colorOf={colorOf}
            onRelease={(resource) => void room.locks.release(resource).catch((e) => notify(errorText(e)))}
          />
        </ReactFlow>
      </div>
    </div>
  );
}

/** A shared node graph with locks, drags streamed at ≤ 10 Hz, typed wires and a toolbar. */
export function LiveGraph(props: LiveGraphProps) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}
