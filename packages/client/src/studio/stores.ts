import type { Room } from '../client.js';
import { type Store, yStore } from '../stores.js';
import { readConsole, readSelection, readTimeline } from './attributed.js';
import { readGraph } from './graph.js';
import { type InspectorValues, readInspector } from './inspector.js';
import { readScene } from './scene.js';
import {
  CONSOLE_ROOT,
  type GraphSnapshot,
  INSPECTOR_ROOT,
  type LogLine,
  SCENE_ROOT,
  type SceneObject,
  SELECTION_ROOT,
  type Selection,
  TIMELINE_ROOT,
  type TimelineState,
} from './shapes.js';

/**
 * `useSyncExternalStore`-ready views of the Studio state; each re-reads only when its root changes
 * (or the room's document is replaced after a refused edit).
 */
export const studioStores = {
  graph: (room: Room, root: string): Store<GraphSnapshot> =>
    yStore(room, (doc) => doc.getMap<unknown>(root), readGraph),
  scene: (room: Room): Store<SceneObject[]> =>
    yStore(room, (doc) => doc.getMap<unknown>(SCENE_ROOT), readScene),
  inspector: (room: Room, objectId: string): Store<InspectorValues> =>
    yStore(
      room,
      (doc) => doc.getMap<unknown>(INSPECTOR_ROOT),
      (map) => readInspector(map, objectId),
    ),
  selection: (room: Room): Store<Selection | null> =>
    yStore(room, (doc) => doc.getMap<unknown>(SELECTION_ROOT), readSelection),
  timeline: (room: Room): Store<TimelineState> =>
    yStore(room, (doc) => doc.getMap<unknown>(TIMELINE_ROOT), readTimeline),
  console: (room: Room): Store<LogLine[]> =>
    yStore(room, (doc) => doc.getArray<unknown>(CONSOLE_ROOT), readConsole),
};
