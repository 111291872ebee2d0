export { type EngineServer, startEngineServer } from './engine-server.js';
export { RawClient } from './raw-client.js';
