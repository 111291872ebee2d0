/**
 * The Studio's shared state: root names in the room's Y.Doc and the JSON shapes the helpers read and
 * write. Roots under `studio.` marked "server-written" carry attribution (`by`) and are changed only
 * by the server's `studio` room service; the server refuses client updates that touch them.
 */

/** Root Y.Map of the blueprint graph: `name`, `node:<id>` (a nested Y.Map), `edge:<id>` (JSON). */
export const GRAPH_ROOT = 'graph';
/** Root Y.Map of the shader graph (same layout as {@link GRAPH_ROOT}). */
export const SHADER_GRAPH_ROOT = 'shader.graph';
/** Root Y.Text with the shader's source code. */
export const SHADER_CODE_ROOT = 'shader.code';
/** Root Y.Map of scene objects: `obj:<id>` → {@link SceneObject} JSON. */
export const SCENE_ROOT = 'scene';
/** Root Y.Map of inspector fields: `<objectId>/<field>` → value, one entry per field. */
export const INSPECTOR_ROOT = 'inspector';
/** Server-written root Y.Map: `active` → {@link Selection}. */
export const SELECTION_ROOT = 'studio.selection';
/** Server-written root Y.Map: `time`, `playing`, `by`, `at`. */
export const TIMELINE_ROOT = 'studio.timeline';
/** Server-written root Y.Array of {@link LogLine}. */
export const CONSOLE_ROOT = 'studio.console';

/** The roots only the server writes (the `studio` service vetoes client updates touching them). */
export const SERVER_WRITTEN_ROOTS = [SELECTION_ROOT, TIMELINE_ROOT, CONSOLE_ROOT] as const;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Who did something, as the server authenticated them. */
export interface Attribution {
  userId: string;
  name: string;
}

/** A typed port. Wires connect an output to an input of the same type (or of type `any`). */
export interface Port {
  id: string;
  name: string;
  type: string;
}

export interface GraphNode {
  id: string;
  type: string;
  title: string;
  x: number;
  y: number;
  inputs: Port[];
  outputs: Port[];
  props: Record<string, JsonValue>;
}

export interface PortRef {
  node: string;
  port: string;
}

export interface Connection {
  id: string;
  from: PortRef;
  to: PortRef;
}

export interface GraphSnapshot {
  name: string;
  nodes: GraphNode[];
  connections: Connection[];
}

export type SceneObjectKind = 'group' | 'mesh' | 'light' | 'camera';

export interface SceneObject {
  id: string;
  name: string;
  kind: SceneObjectKind;
  /** Parent object id, or null at the root. */
  parent: string | null;
  /** Sort key among siblings. */
  order: number;
}

export interface SceneTreeNode extends SceneObject {
  depth: number;
  children: SceneTreeNode[];
}

export interface Selection {
  objectId: string | null;
  by: Attribution;
  at: string;
}

export interface TimelineState {
  /** Playhead in seconds at the moment of the last change. */
  time: number;
  playing: boolean;
  by: Attribution | null;
  at: string | null;
}

export const LOG_LEVELS = ['log', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogLine {
  id: string;
  level: LogLevel;
  text: string;
  at: string;
  by: Attribution;
}
