import {
  CONSOLE_ROOT,
  flattenTree,
  GRAPH_ROOT,
  readConsole,
  readGraph,
  readScene,
  readSelection,
  readTimeline,
  SCENE_ROOT,
  SELECTION_ROOT,
  sceneTree,
  TIMELINE_ROOT,
} from '@ensemble/client/studio';
import { Background, ReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { nodeTypes } from '../graph/StudioNode';
import { toFlowEdges, toFlowNodes } from '../logic/graphView';
import { formatTime } from '../logic/playhead';

const NONE = new Set<string>();

/** Bumps whenever the document changes (a replay streams updates into it). */
function useDocVersion(doc: Y.Doc): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    doc.on('update', bump);
    return () => doc.off('update', bump);
  }, [doc]);
  return version;
}

/** The room as it was: graph, scene, selection, timeline and console, read-only. */
export function PastView({ doc }: { doc: Y.Doc }) {
  const version = useDocVersion(doc);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` changes whenever the document does
  const past = useMemo(() => {
    const graph = readGraph(doc.getMap(GRAPH_ROOT));
    return {
      graph,
      nodes: toFlowNodes(graph, [], { lockOf: () => null, dragging: NONE, readOnly: true }),
      edges: toFlowEdges(graph, NONE),
      scene: flattenTree(sceneTree(readScene(doc.getMap(SCENE_ROOT)))),
      selection: readSelection(doc.getMap(SELECTION_ROOT)),
      timeline: readTimeline(doc.getMap(TIMELINE_ROOT)),
      console: readConsole(doc.getArray(CONSOLE_ROOT)),
    };
  }, [doc, version]);
  return (
    <section
      className="st-past"
      data-testid="past-view"
      aria-label="The room at the chosen point in history (read-only)"
    >
      <section className="st-past-graph" aria-label="Blueprint graph (read-only)">
        <h3>
          {past.graph.name} <span className="muted">· {past.graph.nodes.length} nodes</span>
        </h3>
        <div className="st-graph-canvas">
          <ReactFlow
            nodes={past.nodes}
            edges={past.edges}
            nodeTypes={nodeTypes}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={false}
            deleteKeyCode={null}
            colorMode="system"
            fitView
            proOptions={{ hideAttribution: true }}
          >
            <Background gap={20} />
          </ReactFlow>
        </div>
      </section>
      <section aria-label="Scene (read-only)">
        <h3>Scene</h3>
        <ul className="st-past-list">
          {past.scene.map((o) => (
            <li
              key={o.id}
              style={{ paddingLeft: `${o.depth}rem` }}
              className={o.id === past.selection?.objectId ? 'is-selected' : ''}
            >
              {o.name}
              {o.id === past.selection?.objectId && (
                <span className="st-tree-by">selected by {past.selection.by.name}</span>
              )}
            </li>
          ))}
        </ul>
        <h3>Timeline</h3>
        <p>
          {formatTime(past.timeline.time)}
          {past.timeline.by && <span className="muted"> · by {past.timeline.by.name}</span>}
        </p>
        <h3>Console</h3>
        <ol className="st-past-list">
          {past.console.slice(-20).map((l) => (
            <li key={l.id} className={`st-line-${l.level}`}>
              [{l.level}] {l.text} <span className="muted">— {l.by.name}</span>
            </li>
          ))}
          {past.console.length === 0 && <li className="muted">Empty.</li>}
        </ol>
      </section>
    </section>
  );
}
