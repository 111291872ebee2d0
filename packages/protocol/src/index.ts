export { CloseCode } from './close-codes.js';
export type { AwarenessEntry, DecodedMessage, ExtensionMessage, Role } from './codec.js';
export {
  decodeAwarenessUpdate,
  decodeMessage,
  encodeAwareness,
  encodeAwarenessUpdate,
  encodeExtension,
  encodeHello,
  encodePermissionDenied,
  encodeQueryAwareness,
  encodeSync,
} from './codec.js';
export type { ErrorBody } from './errors.js';
export { EnsembleError, ErrorCode, isEnsembleError } from './errors.js';
export { AuthMessage, ExtensionType, MessageType, SyncStep } from './message-types.js';
// Shapes the room services send (results and events), shared by the server and the client SDK.
export type {
  ActivityEntry,
  ActivityPage,
  ActivitySummary,
  UserActivitySummary,
} from './services/activity.js';
export type { AssistantExchange, AssistantPage } from './services/assistant.js';
export type {
  AnchorRange,
  ChatAnchor,
  ChatComment,
  ChatExport,
  ChatExportFormat,
  ChatMessage,
  ChatReaction,
  ChatStats,
  ReadReceipt,
  TypingUser,
} from './services/chat.js';
export type { PresenceStatus, PresenceUser } from './services/presence.js';
export { PRESENCE_STATUSES } from './services/presence.js';
export { PROTOCOL_VERSION } from './version.js';
