export { type EngineServer, startEngineServer } from './engine-server.js';
export {
  type FakeBehaviour,
  type FakeChatCompletions,
  startFakeChatCompletions,
} from './fake-chat-completions.js';
export { RawClient } from './raw-client.js';
