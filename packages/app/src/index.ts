export type { ConfigSources } from './config/load.js';
export { loadConfig } from './config/load.js';
export type { Config } from './config/schema.js';
export { configSchema, SETTINGS } from './config/schema.js';
export type { SyncConnection, SyncHandler } from './http/sync-upgrade.js';
export type { EnsembleNode, StartOptions } from './runtime/node.js';
export { startNode } from './runtime/node.js';
