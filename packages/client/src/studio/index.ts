/** `@ensemble/client/studio` — typed helpers for the Studio's shared state (docs/studio.md). */
export { readConsole, readSelection, readTimeline } from './attributed.js';
export type { NewNode } from './graph.js';
export {
  connectionId,
  DEFAULT_GRAPH_NAME,
  EDGE_PREFIX,
  GraphModel,
  NODE_PREFIX,
  portsCompatible,
  readGraph,
} from './graph.js';
export { newId } from './ids.js';
export type { FieldSpec, InspectorField, InspectorValues } from './inspector.js';
export { fieldKey, INSPECTOR_FIELDS, InspectorModel, readInspector, validateField } from './inspector.js';
export { flattenTree, OBJECT_PREFIX, readScene, SceneModel, sceneTree } from './scene.js';
export { generateShaderCode, replaceText, SHADER_NODE_TYPES, shaderNode } from './shader.js';
export * from './shapes.js';
export { studioStores } from './stores.js';
export type { StudioOptions } from './studio.js';
export { createStudio, STUDIO_SERVICE, Studio } from './studio.js';
